using BlockhostBroker.Client.Tunnel;

namespace BlockhostBroker.Client.Tests.Tunnel;

public sealed class TunnelStatusTests
{
    [Fact]
    public void Parse_DumpWithPeer_ReadsHandshakeAndTransfer()
    {
        const string dump = "cHJpdmF0ZQ==\tcHVibGlj\t51820\toff\n"
            + "YnJva2Vy\t(none)\t[fd00:b::1]:51820\t::/0\t1700000000\t1234\t5678\t25\n";

        var status = TunnelStatus.Parse("wg-broker", dump);

        Assert.True(status.Present);
        Assert.Equal("YnJva2Vy", status.PeerKey);
        Assert.Equal("[fd00:b::1]:51820", status.Endpoint);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), status.LatestHandshake);
        Assert.Equal(1234, status.ReceivedBytes);
        Assert.Equal(5678, status.SentBytes);
    }

    [Fact]
    public void Parse_NoHandshakeYet_LeavesHandshakeNull()
    {
        const string dump = "cHJpdmF0ZQ==\tcHVibGlj\t51820\toff\nYnJva2Vy\t(none)\t(none)\t::/0\t0\t0\t0\t25\n";

        var status = TunnelStatus.Parse("wg-broker", dump);

        Assert.Null(status.LatestHandshake);
        Assert.Null(status.Endpoint);
    }

    [Fact]
    public void Parse_NoInterface_ReportsAbsent()
    {
        var status = TunnelStatus.Parse("wg-broker", null);

        Assert.False(status.Present);
    }
}
