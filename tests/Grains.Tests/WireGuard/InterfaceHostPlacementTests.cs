using BlockhostBroker.Grains.WireGuard;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.TestingHost;

namespace BlockhostBroker.Grains.Tests.WireGuard;

/// <summary>Two-silo clusters where only one silo holds the interface (a real wireguard-go one in a namespace).</summary>
public sealed class InterfaceHostPlacementTests
{
    private static readonly TimeSpan MetadataWait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task WireGuardGrain_HostSiloNamedInConfig_ActivatesOnThatSilo()
    {
        await using var gateway = await LiveGateway.StartAsync();
        var options = (await gateway.OptionsAsync()).WithHost(WireGuardTestCluster.SecondarySilo);
        await using var cluster = await WireGuardTestCluster.StartAsync(2, (_, silo) => silo.AddWireGuard(options));
        var grain = cluster.Client.GetGrain<IWireGuardGrain>(options.Interface);

        var info = await grain.GetGatewayInfo();

        Assert.Equal(SiloNamed(cluster, WireGuardTestCluster.SecondarySilo).SiloAddress, await ActivationSilo(cluster, grain));
        Assert.Equal(options.Interface, info.Interface);
    }

    [Fact]
    public async Task WireGuardGrain_HostPublishedOnlyInSiloMetadata_ActivatesOnThatSilo()
    {
        await using var gateway = await LiveGateway.StartAsync();
        var options = await gateway.OptionsAsync();
        await using var cluster = await WireGuardTestCluster.StartAsync(2, (name, silo) =>
        {
            // Only the secondary knows the interface; the primary places the grain from the published metadata.
            if (name == WireGuardTestCluster.SecondarySilo) silo.AddWireGuard(options);
            else silo.AddWireGuardPlacement();
        });
        var holder = SiloNamed(cluster, WireGuardTestCluster.SecondarySilo).SiloAddress;
        await WaitUntilEverySiloSeesMetadata(cluster, holder, options.Interface);
        var grain = cluster.Client.GetGrain<IWireGuardGrain>(options.Interface);

        await grain.GetPeers();

        Assert.Equal(holder, await ActivationSilo(cluster, grain));
    }

    [Fact]
    public async Task WireGuardGrain_HostSiloNotActive_CallFailsNamingTheInterface()
    {
        await using var gateway = await LiveGateway.StartAsync();
        var options = (await gateway.OptionsAsync()).WithHost("broker-absent");
        await using var cluster = await WireGuardTestCluster.StartAsync(2, (_, silo) => silo.AddWireGuard(options));
        var grain = cluster.Client.GetGrain<IWireGuardGrain>(options.Interface);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => grain.GetPeers());

        Assert.Contains($"No active silo holds WireGuard interface '{options.Interface}'", error.ToString());
        Assert.Contains("'broker-absent'", error.ToString());
    }

    private static InProcessSiloHandle SiloNamed(InProcessTestCluster cluster, string name) =>
        cluster.Silos.Single(s => s.Name == name);

    private static async Task<SiloAddress?> ActivationSilo(InProcessTestCluster cluster, IWireGuardGrain grain) =>
        await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);

    private static async Task WaitUntilEverySiloSeesMetadata(InProcessTestCluster cluster, SiloAddress holder, string iface)
    {
        var deadline = DateTime.UtcNow + MetadataWait;
        foreach (var silo in cluster.Silos)
        {
            var cache = silo.ServiceProvider.GetRequiredService<ISiloMetadataCache>();
            while (!InterfaceHostPlacementDirector.ListsInterface(
                       cache.GetSiloMetadata(holder).Metadata.GetValueOrDefault(InterfaceHostPlacementDirector.MetadataKey), iface))
            {
                Assert.True(DateTime.UtcNow < deadline, $"silo {silo.Name} did not learn {holder}'s metadata in {MetadataWait}");
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
    }
}
