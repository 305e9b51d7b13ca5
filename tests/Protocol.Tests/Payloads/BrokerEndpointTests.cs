using BlockhostBroker.Protocol.Payloads;

namespace BlockhostBroker.Protocol.Tests.Payloads;

/// <summary>Endpoint text: IPv4:port, [IPv6]:port and hostname:port with ports 1–65535, nothing looser.</summary>
public sealed class BrokerEndpointTests
{
    [Theory]
    [InlineData("203.0.113.7:51820", "203.0.113.7", 51820, false)]
    [InlineData("0.0.0.0:1", "0.0.0.0", 1, false)]
    [InlineData("[2001:db8::7]:65535", "2001:db8::7", 65535, true)]
    [InlineData("[::1]:51820", "::1", 51820, true)]
    [InlineData("broker.example.org:51820", "broker.example.org", 51820, false)]
    [InlineData("localhost:51820", "localhost", 51820, false)]
    [InlineData("a-1.b2.example:443", "a-1.b2.example", 443, false)]
    public void TryParse_ValidEndpoint_GivesHostAndPort(string text, string host, int port, bool isIpv6)
    {
        var parsed = BrokerEndpoint.TryParse(text, out var endpoint);

        Assert.True(parsed);
        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal(isIpv6, endpoint.IsIpv6);
        Assert.Equal(text, endpoint.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(":51820")]
    [InlineData("broker.example.org:")]
    [InlineData("broker.example.org:0")]
    [InlineData("broker.example.org:065535")]
    [InlineData("broker.example.org:65536")]
    [InlineData("broker.example.org:99999")]
    [InlineData("broker.example.org:+80")]
    [InlineData("broker.example.org:80 ")]
    [InlineData("broker.example.org:51820:1")]
    [InlineData("2001:db8::7:51820")]
    [InlineData("[2001:db8::7]")]
    [InlineData("[2001:db8::7:51820")]
    [InlineData("[203.0.113.7]:51820")]
    [InlineData("[fe80::1%eth0]:51820")]
    [InlineData("256.0.113.7:51820")]
    [InlineData("203.0.113:51820")]
    [InlineData("203.0.113.07:51820")]
    [InlineData("-broker.example.org:51820")]
    [InlineData("broker-.example.org:51820")]
    [InlineData("broker..example.org:51820")]
    [InlineData("broker.example.org.:51820")]
    [InlineData("bro ker.example.org:51820")]
    [InlineData("bröker.example.org:51820")]
    [InlineData("broker_1.example.org:51820")]
    public void TryParse_InvalidEndpoint_ReturnsFalse(string text)
    {
        Assert.False(BrokerEndpoint.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_HostnameOver253Characters_ReturnsFalse()
    {
        var host = string.Join('.', Enumerable.Repeat(new string('a', 63), 4)); // 255 characters

        Assert.False(BrokerEndpoint.TryParse(host + ":51820", out _));
        Assert.True(BrokerEndpoint.TryParse(host[..253] + ":51820", out _));
    }

    [Fact]
    public void Create_Ipv6Host_AddsBrackets()
    {
        var endpoint = BrokerEndpoint.Create("2001:db8::7", 51820);

        Assert.Equal("[2001:db8::7]:51820", endpoint.ToString());
        Assert.Throws<FormatException>(() => BrokerEndpoint.Create("example.org", 0));
    }
}
