using BlockhostBroker.TestSupport.Network;

namespace BlockhostBroker.Client.Tests.Support;

/// <summary>
/// A broker and a client namespace joined by a veth pair; the broker side runs a wireguard-go interface holding the
/// gateway address, configured by the test as the real broker would (peer with allowed-ips = the client's prefix).
/// </summary>
public sealed class TunnelLab : IAsyncDisposable
{
    /// <summary>The broker's WireGuard port.</summary>
    public const int BrokerPort = 51820;

    private TunnelLab(NetworkLab lab, NetworkNamespace broker, NetworkNamespace client, VethLink link, WireGuardGoDevice device, WireGuardKeyPair key)
    {
        Lab = lab;
        Broker = broker;
        Client = client;
        Link = link;
        BrokerDevice = device;
        BrokerKey = key;
    }

    /// <summary>The underlying lab (temp folder, cleanup).</summary>
    public NetworkLab Lab { get; }

    /// <summary>The broker's namespace.</summary>
    public NetworkNamespace Broker { get; }

    /// <summary>The client's namespace, where broker-client runs.</summary>
    public NetworkNamespace Client { get; }

    /// <summary>The veth pair (A = broker, B = client).</summary>
    public VethLink Link { get; }

    /// <summary>The broker's wireguard-go interface.</summary>
    public WireGuardGoDevice BrokerDevice { get; }

    /// <summary>The broker's WireGuard keys.</summary>
    public WireGuardKeyPair BrokerKey { get; }

    /// <summary>A seeder whose allocation points at this broker.</summary>
    public AllocationSeeder Seeder => new() { BrokerPubkey = BrokerKey.PublicKey, Endpoint = $"[{Link.HostA}]:{BrokerPort}" };

    /// <summary>Creates the namespaces and brings the broker's interface up with the gateway address.</summary>
    public static async Task<TunnelLab> CreateAsync()
    {
        var lab = await NetworkLab.CreateAsync();
        try
        {
            var broker = await lab.AddNamespaceAsync("broker");
            var client = await lab.AddNamespaceAsync("client");
            var link = await lab.ConnectAsync(broker, "fd00:b::1/64", client, "fd00:b::2/64");
            var device = await lab.StartWireGuardGoAsync(broker);
            var key = await lab.GenerateKeyPairAsync();
            await broker.ExecAsync("wg", "set", device.Name, "private-key", key.PrivateKeyFile, "listen-port", BrokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await broker.ExecAsync("ip", "-6", "address", "add", AllocationSeeder.DefaultGateway + "/120", "dev", device.Name, "nodad");
            await broker.ExecAsync("ip", "link", "set", "dev", device.Name, "up");
            return new TunnelLab(lab, broker, client, link, device, key);
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds the client as the broker's peer for its prefix, with the route to it.</summary>
    public async Task AddClientPeerAsync(string clientPublicKey, string prefix = AllocationSeeder.DefaultPrefix)
    {
        await Broker.ExecAsync("wg", "set", BrokerDevice.Name, "peer", clientPublicKey, "allowed-ips", prefix);
        await Broker.ExecAsync("ip", "-6", "route", "replace", prefix, "dev", BrokerDevice.Name);
    }

    /// <summary>Runs the built broker-client executable inside the client namespace.</summary>
    public Task<TestSupport.ProcessResult> RunClientAsync(params string[] args) =>
        Client.TryExecAsync([Path.Combine(AppContext.BaseDirectory, "broker-client"), .. args]);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Lab.DisposeAsync();
}
