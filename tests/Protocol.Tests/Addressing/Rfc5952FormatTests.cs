using BlockhostBroker.Protocol.Addressing;

namespace BlockhostBroker.Protocol.Tests.Addressing;

/// <summary>The canonical text rules of RFC 5952, checked against the RFC's own examples.</summary>
public sealed class Rfc5952FormatTests
{
    // RFC 5952 §2 (2.1–2.3): every one of these spellings is the same address, whose §4 form is 2001:db8::1:0:0:1.
    [Theory]
    [InlineData("2001:db8:0:0:1:0:0:1")]
    [InlineData("2001:0db8:0:0:1:0:0:1")]
    [InlineData("2001:db8::1:0:0:1")]
    [InlineData("2001:db8::0:1:0:0:1")]
    [InlineData("2001:0db8::1:0:0:1")]
    [InlineData("2001:db8:0:0:1::1")]
    [InlineData("2001:db8:0000:0:1::1")]
    [InlineData("2001:DB8:0:0:1::1")]
    public void Format_Section2Spellings_AllGiveTheRecommendedForm(string spelling)
    {
        var address = ParseAddress(spelling);

        Assert.Equal("2001:db8::1:0:0:1", Ipv6Text.Format(address));
    }

    [Theory]
    // §4.1: leading zeros in a 16-bit field are suppressed.
    [InlineData("2001:0db8::0001", "2001:db8::1")]
    // §4.2.1: '::' is used to its maximum capability.
    [InlineData("2001:db8:0:0:0:0:2:1", "2001:db8::2:1")]
    // §4.2.2: '::' is not used for a single 16-bit 0 field.
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")]
    // §4.2.3: the longest run of zero fields is shortened.
    [InlineData("2001:0:0:1:0:0:0:1", "2001:0:0:1::1")]
    // §4.2.3: on equal runs the first one is shortened.
    [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1")]
    // §4.3: hex digits are lowercase.
    [InlineData("2001:DB8:AC10:FE01::", "2001:db8:ac10:fe01::")]
    public void Format_Section4Rules_GiveTheRfcExample(string input, string expected)
    {
        Assert.Equal(expected, Ipv6Text.Format(ParseAddress(input)));
    }

    [Theory]
    [InlineData("0:0:0:0:0:0:0:0", "::")]
    [InlineData("0:0:0:0:0:0:0:1", "::1")]
    [InlineData("1:0:0:0:0:0:0:0", "1::")]
    [InlineData("0:1:0:1:0:1:0:1", "0:1:0:1:0:1:0:1")]
    [InlineData("1:0:0:2:0:0:0:3", "1:0:0:2::3")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    public void Format_EdgeShapes_CompressOnlyTheLongestRun(string input, string expected)
    {
        Assert.Equal(expected, Ipv6Text.Format(ParseAddress(input)));
    }

    [Fact]
    public void Format_RandomAddresses_MatchesDotNetOutsideIpv4CompatibleRanges()
    {
        // System.Net writes ::/96 and ::ffff:0:0/96 with a dotted IPv4 tail; elsewhere it follows RFC 5952.
        var random = new Random(5952);
        for (var i = 0; i < 20_000; i++)
        {
            var address = AddressGenerator.NextAddress(random);
            if (address >> 48 == 0) continue;

            var expected = Ipv6Prefix.ToIPAddress(address).ToString();

            Assert.Equal(expected, Ipv6Text.Format(address));
        }
    }

    private static UInt128 ParseAddress(string text) =>
        Ipv6Text.TryParse(text, out var address, out var problem)
            ? address
            : throw new Xunit.Sdk.XunitException($"'{text}' did not parse: {problem}");
}
