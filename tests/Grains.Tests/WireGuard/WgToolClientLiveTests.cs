using System.Numerics;
using BlockhostBroker.Grains.WireGuard;
using BlockhostBroker.Protocol.Addressing;

namespace BlockhostBroker.Grains.Tests.WireGuard;

/// <summary>The `wg` client against a real wireguard-go interface in a network namespace.</summary>
public sealed class WgToolClientLiveTests
{
    private static readonly Ipv6Prefix Upstream = Ipv6Prefix.Parse("2001:db8:f04::/48");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static string PrefixAt(int index) => Upstream.Subnet(120, (UInt128)index).ToString();

    [Fact]
    public async Task ConfigureDevice_FiftyPeersInOneCall_ReadsEveryPeerBack()
    {
        await using var gateway = await LiveGateway.StartAsync();
        var desired = Enumerable.Range(1, 50).ToDictionary(_ => TestKeys.Random(), PrefixAt);

        await gateway.Client.ConfigureDevice(gateway.Name, new DeviceConfig
        {
            Peers = [.. desired.Select(d => PeerReconciler.Assign(d.Key, d.Value))],
        }, Ct);
        var device = await gateway.Client.GetDevice(gateway.Name, Ct);

        Assert.Equal(desired.OrderBy(d => d.Key), device.Peers.ToDictionary(p => p.PublicKey, p => Assert.Single(p.AllowedIps)).OrderBy(d => d.Key));
    }

    [Fact]
    public async Task ConfigureDevice_PrivateKeyFileAndPort_AreSetWithoutTheKeyOnTheCommandLine()
    {
        await using var gateway = await LiveGateway.StartAsync();
        var key = await gateway.Lab.GenerateKeyPairAsync();

        await gateway.Client.ConfigureDevice(gateway.Name, new DeviceConfig { PrivateKeyFile = key.PrivateKeyFile, ListenPort = 41000 }, Ct);
        var device = await gateway.Client.GetDevice(gateway.Name, Ct);

        Assert.True(device.HasPrivateKey);
        Assert.Equal(key.PublicKey, device.PublicKey);
        Assert.Equal(41000, device.ListenPort);
    }

    [Fact]
    public async Task ConfigureDevice_AllowedIpWithoutReplace_IsAddedToTheExistingOnes()
    {
        await using var gateway = await LiveGateway.StartAsync();
        var key = TestKeys.Random();
        await gateway.Client.ConfigureDevice(gateway.Name, new DeviceConfig { Peers = [PeerReconciler.Assign(key, PrefixAt(1))] }, Ct);

        await gateway.Client.ConfigureDevice(gateway.Name, new DeviceConfig { Peers = [new PeerConfig(key) { AllowedIps = [PrefixAt(2)] }] }, Ct);
        var peer = Assert.Single((await gateway.Client.GetDevice(gateway.Name, Ct)).Peers);

        Assert.Equal([PrefixAt(1), PrefixAt(2)], peer.AllowedIps.Order());
    }

    [Fact]
    public async Task ConfigureDevice_RemovePeer_LeavesTheOthers()
    {
        await using var gateway = await LiveGateway.StartAsync();
        string gone = TestKeys.Random(), kept = TestKeys.Random();
        await gateway.Client.ConfigureDevice(gateway.Name, new DeviceConfig
        {
            Peers = [PeerReconciler.Assign(gone, PrefixAt(1)), PeerReconciler.Assign(kept, PrefixAt(2))],
        }, Ct);

        await gateway.Client.ConfigureDevice(gateway.Name, new DeviceConfig { Peers = [new PeerConfig(gone) { Remove = true }] }, Ct);

        Assert.Equal(kept, Assert.Single((await gateway.Client.GetDevice(gateway.Name, Ct)).Peers).PublicKey);
    }

    [Fact]
    public async Task ReconcilePlan_AppliedToRealInterface_RemovesUnknownFixesWrongAndKeepsCorrect()
    {
        await using var gateway = await LiveGateway.StartAsync();
        string correct = TestKeys.Random(), wrong = TestKeys.Random(), unknown = TestKeys.Random();
        await gateway.Client.ConfigureDevice(gateway.Name, new DeviceConfig
        {
            Peers =
            [
                PeerReconciler.Assign(correct, PrefixAt(1)) with { Endpoint = "[fd00:7::9]:40000", PersistentKeepaliveSeconds = 17 },
                PeerReconciler.Assign(wrong, PrefixAt(9)),
                PeerReconciler.Assign(unknown, PrefixAt(3)),
            ],
        }, Ct);
        var desired = new Dictionary<string, string> { [correct] = PrefixAt(1), [wrong] = PrefixAt(2) };

        var plan = PeerReconciler.Plan(desired, (await gateway.Client.GetDevice(gateway.Name, Ct)).Peers);
        await gateway.Client.ConfigureDevice(gateway.Name, plan.Config, Ct);
        var after = (await gateway.Client.GetDevice(gateway.Name, Ct)).Peers.ToDictionary(p => p.PublicKey);

        Assert.Equal(new ReconcileReport(Added: 0, Removed: 1, Fixed: 1, Unchanged: 1), plan.Report);
        Assert.False(after.ContainsKey(unknown));
        Assert.Equal([PrefixAt(2)], after[wrong].AllowedIps);
        Assert.Equal(("[fd00:7::9]:40000", 17), (after[correct].Endpoint, after[correct].PersistentKeepaliveSeconds));
    }

    [Fact]
    public async Task GetDevice_MissingInterface_ThrowsDeviceNotFound()
    {
        await using var gateway = await LiveGateway.StartAsync();

        var error = await Assert.ThrowsAsync<WireGuardDeviceNotFoundException>(() => gateway.Client.GetDevice("wgmissing0", Ct));

        Assert.Contains("wgmissing0", error.Command);
        Assert.Contains("ip netns exec " + gateway.Namespace.Name, error.Command);
    }

    [Fact]
    public async Task ConfigureDevice_MissingKeyFile_ThrowsCommandErrorWithStderr()
    {
        await using var gateway = await LiveGateway.StartAsync();
        var config = new DeviceConfig { PrivateKeyFile = Path.Combine(gateway.Lab.TempDirectory, "absent.key") };

        var error = await Assert.ThrowsAsync<WireGuardCommandException>(() => gateway.Client.ConfigureDevice(gateway.Name, config, Ct));

        Assert.NotEqual(0, error.ExitCode);
        Assert.Contains("absent.key", error.Command);
        Assert.Contains("No such file", error.StandardError);
    }
}
