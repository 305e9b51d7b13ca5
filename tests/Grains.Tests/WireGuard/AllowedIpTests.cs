using BlockhostBroker.Grains.WireGuard;

namespace BlockhostBroker.Grains.Tests.WireGuard;

public sealed class AllowedIpTests
{
    [Theory]
    [InlineData("2001:db8:f04::100/120", "2001:db8:f04::100/120")]
    [InlineData("2001:0DB8:0F04::0100/120", "2001:db8:f04::100/120")]
    [InlineData("2001:db8:f04::1ff/120", "2001:db8:f04::100/120")]
    [InlineData("10.9.0.7/24", "10.9.0.0/24")]
    [InlineData("fd00::1", "fd00::1/128")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    public void Normalize_ValidPrefix_ReturnsCanonicalMaskedText(string input, string expected)
    {
        Assert.Equal(expected, AllowedIp.Normalize(input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2001:db8::/129")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("fe80::1%eth0/64")]
    [InlineData("example.com/24")]
    public void Normalize_Malformed_ThrowsAllowedIpFormatError(string input)
    {
        Assert.Throws<AllowedIpFormatException>(() => AllowedIp.Normalize(input));
    }
}
