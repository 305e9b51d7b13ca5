using BlockhostBroker.Grains.WireGuard;
using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Grains.Tests.WireGuard;

/// <summary>Parses dumps captured from wireguard-go (tunnel up, preshared key, fwmark, keepalive, IPv6 endpoints).</summary>
public sealed class WgDumpParserTests
{
    private static string Captured(string name) => File.ReadAllText(RepoPaths.At("tests", "Grains.Tests", "WireGuard", "TestData", name));

    [Fact]
    public void Parse_GatewayDump_ReadsInterfaceLine()
    {
        var device = WgDumpParser.Parse("wgcapa", Captured("wg-show-dump-gateway.txt"));

        Assert.True(device.HasPrivateKey);
        Assert.Equal("D0sdJmqtid5sf8vDVPojDdWdw72AdLGItShTopTjfF8=", device.PublicKey);
        Assert.Equal(51820, device.ListenPort);
        Assert.Equal(0x1234u, device.FirewallMark);
        Assert.Equal(2, device.Peers.Count);
    }

    [Fact]
    public void Parse_GatewayDump_ReadsConnectedPeerCounters()
    {
        var peer = WgDumpParser.Parse("wgcapa", Captured("wg-show-dump-gateway.txt")).Peers[0];

        Assert.Equal("6vRDC9J9NOEaIWFRZE1a99wqX2LLSidXj1IDItDcM1I=", peer.PublicKey);
        Assert.True(peer.HasPresharedKey);
        Assert.Equal("[fd00:77::2]:37140", peer.Endpoint);
        Assert.Equal(["2001:db8:f04::100/120"], peer.AllowedIps);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795587069), peer.LatestHandshake);
        Assert.Equal((468L, 380L), (peer.ReceiveBytes, peer.TransmitBytes));
        Assert.Null(peer.PersistentKeepaliveSeconds);
    }

    [Fact]
    public void Parse_PeerNeverSeen_HasNoEndpointHandshakeOrKey()
    {
        var peer = WgDumpParser.Parse("wgcapa", Captured("wg-show-dump-gateway.txt")).Peers[1];

        Assert.False(peer.HasPresharedKey);
        Assert.Null(peer.Endpoint);
        Assert.Null(peer.LatestHandshake);
        Assert.Equal(["2001:db8:f04::200/120", "10.9.0.0/24"], peer.AllowedIps);
    }

    [Fact]
    public void Parse_ClientDump_ReadsKeepaliveAndNoFirewallMark()
    {
        var device = WgDumpParser.Parse("wgcapb", Captured("wg-show-dump-client.txt"));

        Assert.Null(device.FirewallMark);
        Assert.Equal(37140, device.ListenPort);
        Assert.Equal(25, Assert.Single(device.Peers).PersistentKeepaliveSeconds);
    }

    [Fact]
    public void Parse_FreshInterface_HasNoKeysAndNoPeers()
    {
        var device = WgDumpParser.Parse("wg0", "(none)\t(none)\t0\toff\n");

        Assert.False(device.HasPrivateKey);
        Assert.Null(device.PublicKey);
        Assert.Empty(device.Peers);
    }

    [Theory]
    [InlineData("", 1, "interface line")]
    [InlineData("(none)\t(none)\tport\toff\n", 1, "listen-port")]
    [InlineData("(none)\t(none)\t0\toff\nnot-a-key\t(none)\t(none)\t(none)\t0\t0\t0\toff\n", 2, "public-key")]
    [InlineData("(none)\t(none)\t0\toff\nc33L3kOWlp+k1YDm3IOSqM8RZmIu5oI7gNZBTKy/cFQ=\t(none)\t(none)\n", 2, "peer line")]
    public void Parse_MalformedDump_ThrowsNamingLineAndField(string dump, int line, string field)
    {
        var error = Assert.Throws<WireGuardDumpFormatException>(() => WgDumpParser.Parse("wg0", dump));

        Assert.Contains($"line {line}", error.Message);
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void Parse_MalformedInterfaceLine_DoesNotEchoThePrivateKey()
    {
        const string PrivateKey = "UCIwm05rBLjTHm1KlopgAW8oJcpL9GCKpg2B/URZwmE=";

        var error = Assert.Throws<WireGuardDumpFormatException>(() => WgDumpParser.Parse("wg0", $"{PrivateKey}\t(none)\tx\toff"));

        Assert.DoesNotContain(PrivateKey, error.Message);
    }
}
