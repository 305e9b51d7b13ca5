namespace BlockhostBroker.Grains.WireGuard;

/// <summary>How an interface came to exist.</summary>
public enum WireGuardBackend
{
    /// <summary>It already existed; nothing was created.</summary>
    Existing,

    /// <summary>Created with `ip link add … type wireguard` (kernel module).</summary>
    Kernel,

    /// <summary>Created by starting `wireguard-go` (userspace), for kernels without the module.</summary>
    WireGuardGo,
}

/// <summary>
/// Brings a gateway interface to its configured state, idempotently: create it (kernel WireGuard when the kernel
/// has it, else wireguard-go), set the private key from the key file and the listen port (only when they differ,
/// so sessions survive a re-run), add the gateway address with the upstream's length and set the link up.
/// Routing: that address gives one connected route for the whole upstream prefix through the interface, and
/// WireGuard's allowed-ips select the peer for each /120, so no per-peer routes are added.
/// </summary>
public sealed class WireGuardInterfaceProvisioner(WireGuardOptions options, WireGuardToolRunner runner)
{
    private readonly IWireGuardClient _client = new WgToolClient(runner);

    /// <summary>Ensures the interface exists and is configured; reports whether and how it was created.</summary>
    public async Task<WireGuardBackend> Ensure(CancellationToken cancellationToken = default)
    {
        var iface = InterfaceName.Require(options.Interface);
        var backend = await EnsureLink(iface, cancellationToken);
        await EnsureKeyAndPort(iface, cancellationToken);
        await runner.Run(WireGuardToolRunner.Ip, ["-6", "address", "replace", options.GatewayCidr, "dev", iface, "nodad"], cancellationToken: cancellationToken);
        await runner.Run(WireGuardToolRunner.Ip, ["link", "set", "dev", iface, "up"], cancellationToken: cancellationToken);
        return backend;
    }

    /// <summary>The public key belonging to the configured private key file, computed by `wg pubkey` from stdin.</summary>
    public async Task<string> PublicKey(CancellationToken cancellationToken = default)
    {
        var privateKey = WireGuardKeyFile.ReadPrivateKey(options.PrivateKeyFile);
        var output = await runner.Run(WireGuardToolRunner.Wg, ["pubkey"], privateKey + "\n", cancellationToken);
        return WireGuardKey.Require(output.StandardOutput.Trim(), "`wg pubkey` output");
    }

    private async Task<WireGuardBackend> EnsureLink(string iface, CancellationToken cancellationToken)
    {
        var show = await runner.TryRun(WireGuardToolRunner.Ip, ["link", "show", "dev", iface], cancellationToken: cancellationToken);
        if (show.ExitCode == 0)
            return WireGuardBackend.Existing;
        var kernel = await runner.TryRun(WireGuardToolRunner.Ip, ["link", "add", "dev", iface, "type", "wireguard"], cancellationToken: cancellationToken);
        if (kernel.ExitCode == 0)
            return WireGuardBackend.Kernel;
        // No kernel module ("Unknown device type"): wireguard-go creates the tun device before it daemonises,
        // so the link exists once this returns.
        var userspace = await runner.TryRun(WireGuardToolRunner.WireGuardGo, [iface], cancellationToken: cancellationToken);
        if (userspace.ExitCode != 0)
            throw new WireGuardCommandException(
                runner.Describe(WireGuardToolRunner.WireGuardGo, [iface]), userspace.ExitCode, userspace.StandardError,
                $"exit code {userspace.ExitCode}; kernel WireGuard was not available either: {kernel.StandardError}");
        return WireGuardBackend.WireGuardGo;
    }

    private async Task EnsureKeyAndPort(string iface, CancellationToken cancellationToken)
    {
        var device = await _client.GetDevice(iface, cancellationToken);
        var publicKey = await PublicKey(cancellationToken);
        var config = new DeviceConfig
        {
            PrivateKeyFile = device.PublicKey == publicKey ? null : options.PrivateKeyFile,
            ListenPort = device.ListenPort == options.ListenPort ? null : options.ListenPort,
        };
        await _client.ConfigureDevice(iface, config, cancellationToken);
    }
}
