using BlockhostBroker.Grains.Chain;

namespace BlockhostBroker.Grains.Tests.Chain;

public sealed class WalletKeyTests
{
    private const string Checksummed = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    [Fact]
    public void For_ChecksummedAddress_LowercasesIt() =>
        Assert.Equal("31337:0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", WalletKey.For(31337, Checksummed).ToString());

    [Fact]
    public void Parse_FormattedKey_RoundTrips()
    {
        var key = WalletKey.For(1, Checksummed);

        Assert.Equal(key, WalletKey.Parse(key.ToString()));
    }

    [Theory]
    [InlineData("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266")]
    [InlineData("31337:0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")]
    [InlineData("0:0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266")]
    [InlineData("31337:f39fd6e51aad88f6f4ce6ab8827279cfffb92266")]
    [InlineData("31337:0xf39fd6e51aad88f6f4ce6ab8827279cfffb9226")]
    [InlineData("-1:0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266")]
    public void Parse_Malformed_ThrowsFormatException(string text) =>
        Assert.Throws<FormatException>(() => WalletKey.Parse(text));

    [Fact]
    public void For_NotAnAddress_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => WalletKey.For(1, "0x1234"));
}
