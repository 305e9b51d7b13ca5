using BlockhostBroker.Grains.WireGuard;

namespace BlockhostBroker.Grains.Tests.WireGuard;

/// <summary>The WireGuard grain on a real interface, reconciling with the real prefix pool.</summary>
public sealed class WireGuardGrainTests(WireGuardGrainFixture fixture) : IClassFixture<WireGuardGrainFixture>
{
    [Fact]
    public async Task SiloStart_HolderSilo_ProvisionsTheInterfaceBeforeAnyCall()
    {
        var expected = await new WireGuardInterfaceProvisioner(fixture.Options, fixture.Gateway.Client.Runner).PublicKey(TestContext.Current.CancellationToken);

        Assert.Equal(expected, fixture.PublicKeyAfterStartup);
    }

    [Fact]
    public async Task Activation_DeviceDriftedWhileInactive_ReconcilesToThePoolAllocations()
    {
        await fixture.AllocateAsync();
        await fixture.AllocateAsync();
        await fixture.Grain.GetPeers();
        await fixture.Cluster.DeactivateAsync(fixture.Grain);
        await fixture.Gateway.Client.ConfigureDevice(fixture.Options.Interface, new DeviceConfig
        {
            Peers = [PeerReconciler.Assign(TestKeys.Random(), "2001:db8:f04::ff00/120")],
        }, TestContext.Current.CancellationToken);

        await fixture.Grain.GetPeers();

        Assert.Equal(await fixture.PoolPeersAsync(), await fixture.DevicePeersAsync());
    }

    [Fact]
    public async Task ApplyPeer_TwentyConcurrentCalls_AllAppliedInFewerWgCalls()
    {
        await fixture.Grain.Reconcile();
        var allocations = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => fixture.AllocateAsync()));
        fixture.Counter.Reset();

        await Task.WhenAll(allocations.Select(a => fixture.Grain.ApplyPeer(a.WgPubkey, a.Prefix)));

        var device = await fixture.DevicePeersAsync();
        Assert.All(allocations, a => Assert.Equal(a.Prefix, device[a.WgPubkey]));
        // Calls that arrive while one `wg set` runs share the next; without batching this would be 20.
        Assert.InRange(fixture.Counter.ConfigureCalls, 1, 5);
    }

    [Fact]
    public async Task Reconcile_ReleasedUnknownAndWrongPeers_ReportsAndFixesEach()
    {
        var released = await fixture.AllocateAsync();
        var tampered = await fixture.AllocateAsync();
        await fixture.Grain.Reconcile();
        await fixture.Pool.Release(released.NftContract);
        await fixture.Gateway.Client.ConfigureDevice(fixture.Options.Interface, new DeviceConfig
        {
            Peers = [PeerReconciler.Assign(tampered.WgPubkey, "2001:db8:f04::fe00/120"), PeerReconciler.Assign(TestKeys.Random(), "2001:db8:f04::fd00/120")],
        }, TestContext.Current.CancellationToken);

        var report = await fixture.Grain.Reconcile();

        var poolPeers = await fixture.PoolPeersAsync();
        Assert.Equal(new ReconcileReport(Added: 0, Removed: 2, Fixed: 1, Unchanged: poolPeers.Count - 1), report);
        Assert.Equal(poolPeers, await fixture.DevicePeersAsync());
    }

    [Fact]
    public async Task Reconcile_InterfaceDeleted_CreatesItAgainWithThePoolPeers()
    {
        await fixture.AllocateAsync();
        await fixture.Grain.Reconcile();
        await fixture.Gateway.Namespace.ExecAsync("ip", "link", "del", "dev", fixture.Options.Interface);

        var report = await fixture.Grain.Reconcile();

        var poolPeers = await fixture.PoolPeersAsync();
        Assert.Equal(new ReconcileReport(Added: poolPeers.Count, Removed: 0, Fixed: 0, Unchanged: 0), report);
        Assert.Equal(poolPeers, await fixture.DevicePeersAsync());
        Assert.Contains("2001:db8:f04::1/48", await fixture.Gateway.Namespace.ExecAsync("ip", "-6", "-o", "address", "show", "dev", fixture.Options.Interface));
    }

    [Fact]
    public async Task RemovePeer_AppliedPeer_IsGoneFromDeviceAndWgQuickFile()
    {
        var allocation = await fixture.AllocateAsync();
        await fixture.Grain.ApplyPeer(allocation.WgPubkey, allocation.Prefix);

        await fixture.Grain.RemovePeer(allocation.WgPubkey);

        Assert.DoesNotContain(allocation.WgPubkey, (await fixture.DevicePeersAsync()).Keys);
        Assert.DoesNotContain(allocation.WgPubkey, await File.ReadAllTextAsync(new WgQuickConfigWriter(fixture.Options).FilePath, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WgQuickFile_AfterChanges_ListsExactlyThePoolAllocations()
    {
        var allocation = await fixture.AllocateAsync();
        await fixture.Grain.ApplyPeer(allocation.WgPubkey, allocation.Prefix);

        var text = await File.ReadAllTextAsync(new WgQuickConfigWriter(fixture.Options).FilePath, TestContext.Current.CancellationToken);

        var filePeers = text.Split('\n').Where(l => l.StartsWith("PublicKey = ", StringComparison.Ordinal)).Select(l => l["PublicKey = ".Length..]);
        Assert.Equal((await fixture.PoolPeersAsync()).Keys.Order(), filePeers.Order());
    }

    [Fact]
    public async Task ApplyPeer_PrefixOutsideUpstream_ThrowsAndChangesNothing()
    {
        var key = TestKeys.Random();

        await Assert.ThrowsAsync<PeerPrefixOutsideUpstreamException>(() => fixture.Grain.ApplyPeer(key, "2001:db8:beef::100/120"));

        Assert.DoesNotContain(key, (await fixture.DevicePeersAsync()).Keys);
    }

    [Fact]
    public async Task ApplyPeer_MalformedKey_ThrowsKeyFormatError()
    {
        await Assert.ThrowsAsync<WireGuardKeyFormatException>(() => fixture.Grain.ApplyPeer("not-a-key", "2001:db8:f04::100/120"));
    }

    [Fact]
    public async Task GetGatewayInfo_ReturnsKeyEndpointAndGatewayAddress()
    {
        var info = await fixture.Grain.GetGatewayInfo();

        var expectedKey = await new WireGuardInterfaceProvisioner(fixture.Options, fixture.Gateway.Client.Runner).PublicKey(TestContext.Current.CancellationToken);
        Assert.Equal(new WireGuardGatewayInfo(fixture.Options.Interface, expectedKey, "[fd00:7::1]:51840", "2001:db8:f04::1", "2001:db8:f04::/48"), info);
    }

    [Fact]
    public async Task GetPeers_AppliedPeer_ShowsItsAllowedIps()
    {
        var allocation = await fixture.AllocateAsync();
        await fixture.Grain.ApplyPeer(allocation.WgPubkey, allocation.Prefix);

        var peers = await fixture.Grain.GetPeers();

        var peer = Assert.Single(peers, p => p.PublicKey == allocation.WgPubkey);
        Assert.Equal([allocation.Prefix], peer.AllowedIps);
        Assert.Null(peer.LatestHandshake);
    }
}
