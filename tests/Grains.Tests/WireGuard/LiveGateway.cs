using BlockhostBroker.Grains.WireGuard;
using BlockhostBroker.TestSupport.Network;

namespace BlockhostBroker.Grains.Tests.WireGuard;

/// <summary>A real wireguard-go interface in its own namespace with a <see cref="WgToolClient"/> pointed at it.</summary>
internal sealed class LiveGateway : IAsyncDisposable
{
    private LiveGateway(NetworkLab lab, NetworkNamespace ns, WireGuardGoDevice device)
    {
        Lab = lab;
        Namespace = ns;
        Device = device;
        Client = new WgToolClient(ns.Name);
    }

    /// <summary>The lab owning the namespace; disposing the gateway disposes it.</summary>
    public NetworkLab Lab { get; }

    /// <summary>The namespace the interface lives in.</summary>
    public NetworkNamespace Namespace { get; }

    /// <summary>The wireguard-go interface.</summary>
    public WireGuardGoDevice Device { get; }

    /// <summary>A client acting inside the namespace.</summary>
    public WgToolClient Client { get; }

    /// <summary>The interface name.</summary>
    public string Name => Device.Name;

    /// <summary>Creates a lab, a namespace and a wireguard-go interface in it.</summary>
    public static async Task<LiveGateway> StartAsync()
    {
        var lab = await NetworkLab.CreateAsync();
        try
        {
            var ns = await lab.AddNamespaceAsync("gw");
            return new LiveGateway(lab, ns, await lab.StartWireGuardGoAsync(ns));
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>Options for a gateway on this interface, with a fresh key file and the lab's folder for wg-quick files.</summary>
    public async Task<WireGuardOptions> OptionsAsync(int listenPort = 51820)
    {
        var key = await Lab.GenerateKeyPairAsync();
        return new WireGuardOptions
        {
            Interface = Name,
            ListenPort = listenPort,
            PublicEndpoint = "[fd00:7::1]:" + listenPort,
            PrivateKeyFile = key.PrivateKeyFile,
            UpstreamPrefix = "2001:db8:f04::/48",
            NetworkNamespace = Namespace.Name,
            ConfigDirectory = Path.Combine(Lab.TempDirectory, "wireguard"),
        };
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Lab.DisposeAsync();
}
