using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.WireGuard;
using BlockhostBroker.Protocol.Addressing;

namespace BlockhostBroker.Grains.Tests.WireGuard;

public sealed class PeerReconcilerTests
{
    private static readonly string KeyA = TestKeys.Fixed(1);
    private static readonly string KeyB = TestKeys.Fixed(2);
    private static readonly string KeyC = TestKeys.Fixed(3);

    [Fact]
    public void Plan_EmptyDevice_AddsEveryDesiredPeerWithItsPrefix()
    {
        var desired = new Dictionary<string, string> { [KeyA] = "2001:db8:f04::100/120", [KeyB] = "2001:db8:f04::200/120" };

        var plan = PeerReconciler.Plan(desired, []);

        Assert.Equal(new ReconcileReport(Added: 2, Removed: 0, Fixed: 0, Unchanged: 0), plan.Report);
        Assert.All(plan.Config.Peers, p => Assert.True(p.ReplaceAllowedIps && !p.Remove));
        Assert.Equal(["2001:db8:f04::100/120"], plan.Config.Peers.Single(p => p.PublicKey == KeyA).AllowedIps);
        Assert.Equal(["2001:db8:f04::200/120"], plan.Config.Peers.Single(p => p.PublicKey == KeyB).AllowedIps);
    }

    [Fact]
    public void Plan_PeerNotDesired_IsRemoved()
    {
        var plan = PeerReconciler.Plan(new Dictionary<string, string>(), [Peer(KeyA, "2001:db8:f04::100/120")]);

        var change = Assert.Single(plan.Config.Peers);
        Assert.Equal(KeyA, change.PublicKey);
        Assert.True(change.Remove);
        Assert.Equal(1, plan.Report.Removed);
    }

    [Theory]
    [InlineData("2001:db8:f04::300/120")]
    [InlineData("2001:db8:f04::100/120,10.0.0.0/8")]
    [InlineData("")]
    public void Plan_PeerWithWrongAllowedIps_GetsExactlyItsPrefix(string actualAllowedIps)
    {
        var desired = new Dictionary<string, string> { [KeyA] = "2001:db8:f04::100/120" };

        var plan = PeerReconciler.Plan(desired, [Peer(KeyA, actualAllowedIps.Split(',', StringSplitOptions.RemoveEmptyEntries))]);

        var change = Assert.Single(plan.Config.Peers);
        Assert.True(change.ReplaceAllowedIps);
        Assert.Equal(["2001:db8:f04::100/120"], change.AllowedIps);
        Assert.Equal(new ReconcileReport(0, 0, 1, 0), plan.Report);
    }

    [Fact]
    public void Plan_CorrectPeers_AreLeftOutOfTheConfig()
    {
        var desired = new Dictionary<string, string> { [KeyA] = "2001:db8:f04::100/120", [KeyB] = "2001:db8:f04::200/120" };
        WireGuardPeer[] actual = [Peer(KeyA, "2001:db8:f04::100/120"), Peer(KeyB, "2001:db8:f04::999/120"), Peer(KeyC, "2001:db8:f04::300/120")];

        var plan = PeerReconciler.Plan(desired, actual);

        Assert.DoesNotContain(plan.Config.Peers, p => p.PublicKey == KeyA);
        Assert.Equal(new ReconcileReport(Added: 0, Removed: 1, Fixed: 1, Unchanged: 1), plan.Report);
    }

    [Fact]
    public void Plan_DesiredPrefixInOtherSpelling_CountsAsCorrect()
    {
        var desired = new Dictionary<string, string> { [KeyA] = "2001:0DB8:0F04:0000::0100/120" };

        var plan = PeerReconciler.Plan(desired, [Peer(KeyA, "2001:db8:f04::100/120")]);

        Assert.True(plan.Config.IsEmpty);
        Assert.Equal(1, plan.Report.Unchanged);
    }

    [Fact]
    public void Plan_PrefixMovingFromRemovedPeerToNewPeer_RemovesBeforeAdding()
    {
        var desired = new Dictionary<string, string> { [KeyB] = "2001:db8:f04::100/120" };

        var plan = PeerReconciler.Plan(desired, [Peer(KeyA, "2001:db8:f04::100/120")]);

        Assert.Equal([KeyA, KeyB], plan.Config.Peers.Select(p => p.PublicKey));
        Assert.True(plan.Config.Peers[0].Remove);
        Assert.False(plan.Config.Peers[1].Remove);
    }

    [Fact]
    public void DesiredFrom_AllocationsInsideUpstream_BecomeKeyToPrefix()
    {
        Allocation[] allocations = [Allocation(KeyA, "2001:db8:f04::100/120"), Allocation(KeyB, "2001:db8:f04::200/120")];

        var (desired, skipped) = PeerReconciler.DesiredFrom(allocations, Ipv6Prefix.Parse("2001:db8:f04::/48"));

        Assert.Equal(new Dictionary<string, string> { [KeyA] = "2001:db8:f04::100/120", [KeyB] = "2001:db8:f04::200/120" }, desired);
        Assert.Empty(skipped);
    }

    [Theory]
    [InlineData("2001:db8:beef::100/120")]
    [InlineData("not a prefix")]
    public void DesiredFrom_PrefixNotInThisUpstream_IsSkipped(string prefix)
    {
        var (desired, skipped) = PeerReconciler.DesiredFrom([Allocation(KeyA, prefix)], Ipv6Prefix.Parse("2001:db8:f04::/48"));

        Assert.Empty(desired);
        Assert.Equal(prefix, Assert.Single(skipped).Prefix);
    }

    [Fact]
    public void DesiredFrom_MalformedKey_IsSkipped()
    {
        var (desired, skipped) = PeerReconciler.DesiredFrom([Allocation("short", "2001:db8:f04::100/120")], Ipv6Prefix.Parse("2001:db8:f04::/48"));

        Assert.Empty(desired);
        Assert.Single(skipped);
    }

    private static Allocation Allocation(string key, string prefix) =>
        new(1, prefix, "0x00000000000000000000000000000000000000aa", key, DateTimeOffset.UnixEpoch);

    private static WireGuardPeer Peer(string key, params string[] allowedIps) =>
        new(key, HasPresharedKey: false, Endpoint: null, allowedIps, LatestHandshake: null, 0, 0, null);
}
