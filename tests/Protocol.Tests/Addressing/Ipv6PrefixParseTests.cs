using System.Net;
using System.Net.Sockets;
using BlockhostBroker.Protocol.Addressing;

namespace BlockhostBroker.Protocol.Tests.Addressing;

/// <summary>Reading addresses and prefixes: exact values, strictness and typed errors.</summary>
public sealed class Ipv6PrefixParseTests
{
    private const int Iterations = 20_000;

    [Theory]
    [InlineData("2001:db8:f04::/48", "2001:db8:f04::/48")]
    [InlineData("2001:0DB8:0F04:0000::/48", "2001:db8:f04::/48")]
    [InlineData("::/0", "::/0")]
    [InlineData("::1/128", "::1/128")]
    [InlineData("2001:db8::100/120", "2001:db8::100/120")]
    [InlineData("::ffff:192.0.2.0/120", "::ffff:c000:200/120")]
    public void Parse_ValidPrefix_GivesCanonicalText(string input, string canonical)
    {
        var prefix = Ipv6Prefix.Parse(input);

        Assert.Equal(canonical, prefix.ToString());
    }

    [Theory]
    [InlineData("2001:db8:f04::5/48", "2001:db8:f04::/48")]
    [InlineData("2001:db8::1/120", "2001:db8::/120")]
    [InlineData("::1/0", "::/0")]
    public void Parse_HostBitsSet_ThrowsNamingTheCanonicalPrefix(string input, string canonical)
    {
        var error = Assert.Throws<Ipv6PrefixFormatException>(() => Ipv6Prefix.Parse(input));

        Assert.Equal(Ipv6FormatError.HostBitsSet, error.Error);
        Assert.Equal(canonical, error.CanonicalForm);
        Assert.Contains(canonical, error.Message);
    }

    [Theory]
    [InlineData("", Ipv6FormatError.Empty)]
    [InlineData("   ", Ipv6FormatError.Empty)]
    [InlineData("2001:db8::", Ipv6FormatError.MissingLength)]
    [InlineData("2001:db8::/", Ipv6FormatError.InvalidLength)]
    [InlineData("2001:db8::/129", Ipv6FormatError.InvalidLength)]
    [InlineData("2001:db8::/048", Ipv6FormatError.InvalidLength)]
    [InlineData("2001:db8::/+48", Ipv6FormatError.InvalidLength)]
    [InlineData("2001:db8::/48 ", Ipv6FormatError.InvalidLength)]
    [InlineData("2001:db8::/4/8", Ipv6FormatError.InvalidLength)]
    [InlineData("192.0.2.0/24", Ipv6FormatError.InvalidAddress)]
    [InlineData("2001:db8:::/48", Ipv6FormatError.InvalidAddress)]
    [InlineData("2001::db8::/48", Ipv6FormatError.InvalidAddress)]
    [InlineData("2001:db8:0:0:0:0:0:0:0/48", Ipv6FormatError.InvalidAddress)]
    [InlineData("2001:db8:0:0:0:0:0/48", Ipv6FormatError.InvalidAddress)]
    [InlineData("1:2:3:4:5:6:7::8/128", Ipv6FormatError.InvalidAddress)]
    [InlineData("12345::/16", Ipv6FormatError.InvalidAddress)]
    [InlineData("fe80::1%eth0/64", Ipv6FormatError.InvalidAddress)]
    [InlineData("[2001:db8::]/48", Ipv6FormatError.InvalidAddress)]
    [InlineData(" 2001:db8::/48", Ipv6FormatError.InvalidAddress)]
    [InlineData("::1.2.3.04/128", Ipv6FormatError.InvalidAddress)]
    [InlineData("::1.2.3.256/128", Ipv6FormatError.InvalidAddress)]
    [InlineData("1.2.3.4::/128", Ipv6FormatError.InvalidAddress)]
    [InlineData("g::/16", Ipv6FormatError.InvalidAddress)]
    public void Parse_BadInput_ThrowsTypedError(string input, Ipv6FormatError expected)
    {
        var error = Assert.Throws<Ipv6PrefixFormatException>(() => Ipv6Prefix.Parse(input));

        Assert.Equal(expected, error.Error);
        Assert.Equal(input, error.Input);
    }

    [Fact]
    public void TryParse_BadInput_ReturnsFalseWithTheError()
    {
        var ok = Ipv6Prefix.TryParse("2001:db8::1/64", out _, out var error);

        Assert.False(ok);
        Assert.Equal("2001:db8::/64", error!.CanonicalForm);
    }

    [Fact]
    public void Parse_RandomSpellings_AgreeWithIPAddress()
    {
        var random = new Random(4291);
        for (var i = 0; i < Iterations; i++)
        {
            var address = AddressGenerator.NextAddress(random);
            var text = AddressGenerator.Spell(address, random);

            Assert.True(Ipv6Text.TryParse(text, out var ours, out var problem), $"'{text}': {problem}");
            Assert.Equal(address, ours);
            Assert.Equal(IPAddress.Parse(text), Ipv6Prefix.ToIPAddress(ours));
        }
    }

    [Fact]
    public void Parse_RandomBrokenText_NeverAcceptsWhatIPAddressRejects()
    {
        // Our reader is stricter than System.Net (no zone ids, no octal-looking octets), never looser.
        var random = new Random(1884);
        var accepted = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var text = i % 2 == 0
                ? AddressGenerator.Garbage(random)
                : AddressGenerator.Mutate(AddressGenerator.Spell(AddressGenerator.NextAddress(random), random), random);
            if (!Ipv6Text.TryParse(text, out var ours, out _)) continue;
            accepted++;

            Assert.True(IPAddress.TryParse(text, out var theirs), $"we accepted '{text}', System.Net did not");
            Assert.Equal(AddressFamily.InterNetworkV6, theirs!.AddressFamily);
            Assert.Equal(theirs, Ipv6Prefix.ToIPAddress(ours));
        }
        Assert.True(accepted > Iterations / 20, $"only {accepted} mutated inputs were still addresses; the generator is too destructive");
    }

    [Fact]
    public void Parse_RandomPrefixes_AgreeWithIPNetwork()
    {
        // IPNetwork silently clears host bits; we refuse them and name the prefix IPNetwork would have made.
        var random = new Random(48);
        for (var i = 0; i < Iterations; i++)
        {
            var length = random.Next(0, 129);
            var address = AddressGenerator.NextAddress(random);
            if (random.Next(2) == 0) address &= Ipv6Prefix.Mask(length);
            var text = $"{AddressGenerator.Spell(address, random)}/{length}";

            var oursOk = Ipv6Prefix.TryParse(text, out var ours, out var error);

            Assert.True(IPNetwork.TryParse(text, out var theirs), $"IPNetwork rejected '{text}'");
            var expectedCanonical = $"{Ipv6Text.Format(Ipv6Prefix.ToUInt128(theirs.BaseAddress))}/{theirs.PrefixLength}";
            if (oursOk)
            {
                Assert.Equal(theirs.BaseAddress, ours.Address);
                Assert.Equal(theirs.PrefixLength, ours.Length);
            }
            else
            {
                Assert.Equal(Ipv6FormatError.HostBitsSet, error!.Error);
                Assert.Equal(expectedCanonical, error.CanonicalForm);
            }
        }
    }
}
