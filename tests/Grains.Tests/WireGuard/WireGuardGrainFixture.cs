using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.WireGuard;
using Orleans.TestingHost;

namespace BlockhostBroker.Grains.Tests.WireGuard;

/// <summary>
/// One silo holding a real wireguard-go gateway, with the real prefix pool on a SQLite file, shared by the grain
/// tests of one class (they run one after another and each brings the interface to the state it needs).
/// </summary>
public sealed class WireGuardGrainFixture : IAsyncLifetime
{
    private LiveGateway? _gateway;
    private InProcessTestCluster? _cluster;

    /// <summary>The interface, its namespace and a client to inspect it directly.</summary>
    internal LiveGateway Gateway => _gateway!;

    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster => _cluster!;

    /// <summary>The options the silo runs the gateway with.</summary>
    public WireGuardOptions Options { get; private set; } = null!;

    /// <summary>Counts the `wg set` calls the grain makes.</summary>
    internal CountingWireGuardClient Counter { get; private set; } = null!;

    /// <summary>The interface's public key as read right after the cluster started, before any test called the grain.</summary>
    public string? PublicKeyAfterStartup { get; private set; }

    /// <summary>The gateway's grain.</summary>
    public IWireGuardGrain Grain => Cluster.Client.GetGrain<IWireGuardGrain>(Options.Interface);

    /// <summary>The prefix pool.</summary>
    public IPrefixPoolGrain Pool => Cluster.Client.GetGrain<IPrefixPoolGrain>(0);

    /// <summary>Allocates a prefix for a new NFT contract and key.</summary>
    public async Task<Allocation> AllocateAsync()
    {
        var contract = "0x" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        var result = await Pool.Allocate(contract, TestKeys.Random());
        return Assert.IsType<AllocationResult.Allocated>(result).Allocation;
    }

    /// <summary>The interface's peers read straight from the device: key → its allowed-ips.</summary>
    public async Task<Dictionary<string, string>> DevicePeersAsync() =>
        (await Gateway.Client.GetDevice(Options.Interface)).Peers
            .ToDictionary(p => p.PublicKey, p => string.Join(',', p.AllowedIps));

    /// <summary>The pool's allocations as the device should show them: key → prefix.</summary>
    public async Task<Dictionary<string, string>> PoolPeersAsync() =>
        (await Pool.List()).ToDictionary(a => a.WgPubkey, a => a.Prefix);

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _gateway = await LiveGateway.StartAsync();
        Options = await _gateway.OptionsAsync(listenPort: 51840);
        Counter = new CountingWireGuardClient(_gateway.Client);
        _cluster = await WireGuardTestCluster.StartGatewayAsync(_gateway, Options, Counter);
        PublicKeyAfterStartup = (await _gateway.Client.GetDevice(Options.Interface)).PublicKey;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
        if (_gateway is not null)
            await _gateway.DisposeAsync();
    }
}
