namespace BlockhostBroker.Grains.WireGuard;

/// <summary>
/// <see cref="IWireGuardClient"/> over the `wg` tool, so it drives kernel WireGuard and wireguard-go alike,
/// optionally inside a network namespace. Reads with `wg show IFACE dump`; writes every change with one `wg set`.
/// </summary>
public sealed class WgToolClient(WireGuardToolRunner runner) : IWireGuardClient
{
    // wg prints this when the interface is missing (kernel: "No such device"; no module: "Protocol not supported").
    private const string MissingInterfaceMarker = "Unable to access interface";

    /// <summary>Creates a client that acts in the given network namespace (null or empty: the caller's own).</summary>
    public WgToolClient(string? networkNamespace = null) : this(new WireGuardToolRunner(networkNamespace))
    {
    }

    /// <summary>The runner the client's commands go through.</summary>
    public WireGuardToolRunner Runner => runner;

    /// <inheritdoc />
    public async Task<WireGuardDevice> GetDevice(string name, CancellationToken cancellationToken = default)
    {
        string[] args = ["show", InterfaceName.Require(name), "dump"];
        var output = await runner.TryRun(WireGuardToolRunner.Wg, args, cancellationToken: cancellationToken);
        if (output.ExitCode != 0)
            throw Failure(args, output);
        return WgDumpParser.Parse(name, output.StandardOutput);
    }

    /// <inheritdoc />
    public async Task ConfigureDevice(string name, DeviceConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.IsEmpty)
            return;
        var current = WgSetArguments.NeedsCurrentAllowedIps(config)
            ? (await GetDevice(name, cancellationToken)).Peers.ToDictionary(p => p.PublicKey, p => p.AllowedIps)
            : [];
        var args = WgSetArguments.Build(name, config, key => current.GetValueOrDefault(key) ?? []);
        var output = await runner.TryRun(WireGuardToolRunner.Wg, args, cancellationToken: cancellationToken);
        if (output.ExitCode != 0)
            throw Failure(args, output);
    }

    private WireGuardCommandException Failure(IReadOnlyList<string> args, ToolOutput output)
    {
        var command = runner.Describe(WireGuardToolRunner.Wg, args);
        return output.StandardError.Contains(MissingInterfaceMarker, StringComparison.Ordinal)
            ? new WireGuardDeviceNotFoundException(command, output.ExitCode, output.StandardError)
            : new WireGuardCommandException(command, output.ExitCode, output.StandardError);
    }
}
