using BlockhostBroker.Grains.WireGuard;

namespace BlockhostBroker.Grains.Tests.WireGuard;

public sealed class WireGuardKeyTests
{
    [Fact]
    public void IsValid_KeyAsWgPrintsIt_IsTrue()
    {
        Assert.True(WireGuardKey.IsValid("D0sdJmqtid5sf8vDVPojDdWdw72AdLGItShTopTjfF8="));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("D0sdJmqtid5sf8vDVPojDdWdw72AdLGItShTopTjfF8")]
    [InlineData("D0sdJmqtid5sf8vDVPojDdWdw72AdLGItShTopTjfF8==")]
    [InlineData("D0sdJmqtid5sf8vDVPojDdWdw72AdLGItShTopTjf!8=")]
    [InlineData("AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQF=")]
    public void IsValid_NotCanonicalBase64Of32Bytes_IsFalse(string? text)
    {
        Assert.False(WireGuardKey.IsValid(text));
    }

    [Fact]
    public void Require_Malformed_ThrowsNamingWhatItWasMeantToBe()
    {
        var error = Assert.Throws<WireGuardKeyFormatException>(() => WireGuardKey.Require("x", "wgPubkey"));

        Assert.StartsWith("wgPubkey is not a WireGuard key", error.Message);
    }

    [Theory]
    [InlineData("wg0", true)]
    [InlineData("wg-broker", true)]
    [InlineData("a.b_c=d+e", true)]
    [InlineData("fifteen-chars-x", true)]
    [InlineData("sixteen-chars-xx", false)]
    [InlineData("-h", false)]
    [InlineData("..", false)]
    [InlineData("wg/0", false)]
    [InlineData("wg:0", false)]
    public void InterfaceName_IsValid_FollowsLinuxAndWgQuickRules(string name, bool valid)
    {
        Assert.Equal(valid, InterfaceName.IsValid(name));
    }

    [Theory]
    [InlineData("wg-a,wg-b", "wg-b", true)]
    [InlineData(" wg-a , wg-b ", "wg-a", true)]
    [InlineData("wg-ab", "wg-a", false)]
    [InlineData("", "wg-a", false)]
    [InlineData(null, "wg-a", false)]
    public void ListsInterface_MetadataValue_MatchesWholeNamesOnly(string? value, string iface, bool expected)
    {
        Assert.Equal(expected, InterfaceHostPlacementDirector.ListsInterface(value, iface));
    }
}
