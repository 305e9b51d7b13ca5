using BlockhostBroker.Client.State;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.Client.Tunnel;

/// <summary>How the interface came to exist.</summary>
public enum LinkOrigin
{
    /// <summary>It was already there and was reconfigured.</summary>
    Existing,

    /// <summary>Created as a kernel WireGuard link.</summary>
    Kernel,

    /// <summary>Created by the userspace implementation (wireguard-go) because the kernel has no WireGuard.</summary>
    Userspace,
}

/// <summary>Brings the tunnel up and down with `ip`, `wg` and, where the kernel lacks WireGuard, `wireguard-go`.</summary>
public sealed class TunnelConfigurator(IToolRunner tools)
{
    /// <summary>The userspace implementation tried when `ip link add … type wireguard` fails.</summary>
    public const string UserspaceProgram = "wireguard-go";

    /// <summary>Creates (or reuses) the interface and sets key, peer, address, MTU and routes; safe to run again.</summary>
    public async Task<LinkOrigin> BringUpAsync(string device, WireGuardKeyPair key, TunnelPeer peer, CancellationToken cancellationToken)
    {
        var origin = await EnsureLinkAsync(device, cancellationToken);
        // The config (with the private key) goes through stdin, never through a file or the command line.
        await tools.RunCheckedAsync(new ToolCommand("wg", ["setconf", device, "/dev/stdin"], WireGuardConfigText.Plain(key, peer)), cancellationToken);
        await Ip(cancellationToken, "-6", "address", "replace", $"{peer.Address}/{peer.Prefix.Length}", "dev", device, "nodad");
        await Ip(cancellationToken, "link", "set", "dev", device, "mtu", WireGuardConfigText.Mtu.ToString(System.Globalization.CultureInfo.InvariantCulture), "up");
        await tools.RunAsync(new ToolCommand("ip", TunnelRouting.RuleDeletion(peer)), cancellationToken);
        foreach (var route in TunnelRouting.Up(peer, device))
            await Ip(cancellationToken, route);
        return origin;
    }

    /// <summary>Removes the source rule (when the allocation is known) and the interface; true when an interface was removed.</summary>
    public async Task<bool> TearDownAsync(string device, TunnelPeer? peer, CancellationToken cancellationToken)
    {
        if (peer is not null)
            await tools.RunAsync(new ToolCommand("ip", TunnelRouting.RuleDeletion(peer)), cancellationToken);
        if (!await LinkExistsAsync(device, cancellationToken))
            return false;
        await Ip(cancellationToken, "link", "del", "dev", device);
        return true;
    }

    /// <summary>True when a link of that name exists.</summary>
    public async Task<bool> LinkExistsAsync(string device, CancellationToken cancellationToken) =>
        (await tools.RunAsync(ToolCommand.Of("ip", "link", "show", "dev", device), cancellationToken)).Succeeded;

    /// <summary>`wg show &lt;device&gt; dump` output, or null when the interface is not a WireGuard interface.</summary>
    public async Task<string?> DumpAsync(string device, CancellationToken cancellationToken)
    {
        var result = await tools.RunAsync(ToolCommand.Of("wg", "show", device, "dump"), cancellationToken);
        return result.Succeeded ? result.StdOut : null;
    }

    private async Task<LinkOrigin> EnsureLinkAsync(string device, CancellationToken cancellationToken)
    {
        if (await LinkExistsAsync(device, cancellationToken))
            return LinkOrigin.Existing;
        var kernel = await tools.RunAsync(ToolCommand.Of("ip", "link", "add", "dev", device, "type", "wireguard"), cancellationToken);
        if (kernel.Succeeded)
            return LinkOrigin.Kernel;
        // wireguard-go creates the TUN device and its control socket before it daemonizes, so `wg` works once it returns.
        await tools.RunCheckedAsync(ToolCommand.Of(UserspaceProgram, device), cancellationToken);
        return LinkOrigin.Userspace;
    }

    private Task<ToolResult> Ip(CancellationToken cancellationToken, params string[] arguments) =>
        tools.RunCheckedAsync(new ToolCommand("ip", arguments), cancellationToken);
}
