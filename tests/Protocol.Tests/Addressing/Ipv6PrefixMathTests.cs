using System.Net;
using System.Numerics;
using BlockhostBroker.Protocol.Addressing;

namespace BlockhostBroker.Protocol.Tests.Addressing;

/// <summary>Containment and subnet arithmetic: counts, the n-th subnet and back, and the edges.</summary>
public sealed class Ipv6PrefixMathTests
{
    private static readonly Ipv6Prefix Upstream48 = Ipv6Prefix.Parse("2001:db8:f04::/48");

    [Fact]
    public void Contains_RandomAddresses_AgreesWithIPNetwork()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(0, 129);
            var prefix = Ipv6Prefix.Create(AddressGenerator.NextAddress(random) & Ipv6Prefix.Mask(length), length);
            // Half the probes share the prefix's top bits so that "inside" is common too.
            var probe = random.Next(2) == 0
                ? prefix.Network | (AddressGenerator.NextAddress(random) & ~Ipv6Prefix.Mask(length))
                : AddressGenerator.NextAddress(random);
            var network = new IPNetwork(prefix.Address, prefix.Length);

            Assert.Equal(network.Contains(Ipv6Prefix.ToIPAddress(probe)), prefix.Contains(probe));
        }
    }

    [Theory]
    [InlineData("2001:db8:f04::/48", "2001:db8:f04:ffff::/64", true)]
    [InlineData("2001:db8:f04::/48", "2001:db8:f04::/48", true)]
    [InlineData("2001:db8:f04::/48", "2001:db8::/32", false)]
    [InlineData("2001:db8:f04::/48", "2001:db8:f05::/64", false)]
    [InlineData("::/0", "ffff::/16", true)]
    public void Contains_Prefix_IsTrueOnlyForEqualOrNarrowerPrefixesInside(string outer, string inner, bool expected)
    {
        Assert.Equal(expected, Ipv6Prefix.Parse(outer).Contains(Ipv6Prefix.Parse(inner)));
    }

    [Fact]
    public void Contains_Ipv4Address_IsFalse()
    {
        Assert.False(Ipv6Prefix.Parse("::/0").Contains(IPAddress.Parse("192.0.2.1")));
    }

    [Theory]
    [InlineData("2001:db8:f04::/48", 120, "4722366482869645213696")] // 2^72: more than a long holds
    [InlineData("2001:db8::/116", 120, "16")]
    [InlineData("2001:db8::/120", 120, "1")]
    [InlineData("::/0", 128, "340282366920938463463374607431768211456")] // 2^128: more than a UInt128 holds
    public void SubnetCount_IsExactBeyond64And128Bits(string upstream, int length, string expected)
    {
        Assert.Equal(BigInteger.Parse(expected), Ipv6Prefix.Parse(upstream).SubnetCount(length));
    }

    [Theory]
    [InlineData(0ul, "2001:db8:f04::/120")]
    [InlineData(1ul, "2001:db8:f04::100/120")]
    [InlineData(256ul, "2001:db8:f04::1:0/120")]
    public void Subnet_KnownIndices_GiveKnownPrefixes(ulong index, string expected)
    {
        Assert.Equal(expected, Upstream48.Subnet(120, index).ToString());
    }

    [Fact]
    public void Subnet_LastIndex_IsTheTopOfTheUpstream()
    {
        var last = (UInt128)(Upstream48.SubnetCount(120) - 1);

        var subnet = Upstream48.Subnet(120, last);

        Assert.Equal("2001:db8:f04:ffff:ffff:ffff:ffff:ff00/120", subnet.ToString());
        Assert.Equal(last, Upstream48.SubnetIndex(subnet));
    }

    [Fact]
    public void SubnetIndex_RandomIndices_RoundTrip()
    {
        var random = new Random(72);
        for (var i = 0; i < 10_000; i++)
        {
            var upstreamLength = random.Next(0, 128);
            var upstream = Ipv6Prefix.Create(AddressGenerator.NextAddress(random) & Ipv6Prefix.Mask(upstreamLength), upstreamLength);
            var subnetLength = random.Next(upstreamLength, 129);
            var count = upstream.SubnetCount(subnetLength);
            var index = i % 10 == 0 ? (UInt128)(count - 1) : RandomBelow(random, count);

            var subnet = upstream.Subnet(subnetLength, index);

            Assert.True(upstream.Contains(subnet));
            Assert.Equal(index, upstream.SubnetIndex(subnet));
        }
    }

    [Fact]
    public void Subnet_WholeAddressSpaceInto128_AcceptsTheLargestIndex()
    {
        var all = Ipv6Prefix.Parse("::/0");

        var top = all.Subnet(128, UInt128.MaxValue);

        Assert.Equal("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", top.ToString());
        Assert.Equal(UInt128.MaxValue, all.SubnetIndex(top));
    }

    [Fact]
    public void Subnet_IndexEqualToCount_Throws()
    {
        var upstream = Ipv6Prefix.Parse("2001:db8::/116");

        Assert.Throws<SubnetOutOfRangeException>(() => upstream.Subnet(120, 16));
    }

    [Theory]
    [InlineData(47)]
    [InlineData(129)]
    public void Subnet_LengthOutsideUpstreamTo128_Throws(int length)
    {
        Assert.Throws<SubnetOutOfRangeException>(() => Upstream48.Subnet(length, 0));
    }

    [Theory]
    [InlineData("2001:db8:f05::/120")]
    [InlineData("2001:db8::/32")]
    public void SubnetIndex_PrefixNotInside_Throws(string outside)
    {
        Assert.Throws<SubnetOutOfRangeException>(() => Upstream48.SubnetIndex(Ipv6Prefix.Parse(outside)));
    }

    [Fact]
    public void Create_HostBitsSet_ThrowsNamingTheCanonicalPrefix()
    {
        var error = Assert.Throws<Ipv6PrefixFormatException>(() => Ipv6Prefix.Create(Upstream48.Network | 1, 48));

        Assert.Equal("2001:db8:f04::/48", error.CanonicalForm);
    }

    private static UInt128 RandomBelow(Random random, BigInteger count)
    {
        Span<byte> bytes = stackalloc byte[17];
        random.NextBytes(bytes);
        bytes[16] = 0; // keep the BigInteger non-negative
        return (UInt128)(new BigInteger(bytes) % count);
    }
}
