using BlockhostBroker.Grains.Requests;

namespace BlockhostBroker.Grains.Tests.Requests;

public sealed class RequestKeyTests
{
    [Fact]
    public void ToString_MixedCaseContract_IsLowercaseAndRoundTrips()
    {
        var key = new RequestKey(new ContractKey(31337, RequestBuilder.NftContract), 42);

        var text = key.ToString();

        Assert.Equal("31337:0x5fbdb2315678afecb367f032d93f642f64180aa3:42", text);
        Assert.Equal(key, RequestKey.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("31337:0x5fbdb2315678afecb367f032d93f642f64180aa3")]
    [InlineData("31337:0x5fbdb2315678afecb367f032d93f642f64180aa3:0")]
    [InlineData("31337:0x5fbdb2315678afecb367f032d93f642f64180aa3:-1")]
    [InlineData("0:0x5fbdb2315678afecb367f032d93f642f64180aa3:1")]
    [InlineData("31337:0x5fbdb2315678afecb367f032d93f642f64180aZ:1")]
    [InlineData("31337:5fbdb2315678afecb367f032d93f642f64180aa3:1")]
    public void Parse_MalformedRequestKey_ThrowsInvalidGrainKey(string text) =>
        Assert.Throws<InvalidGrainKeyException>(() => RequestKey.Parse(text));

    [Fact]
    public void ContractKeyParse_RoundTrips()
    {
        var key = ContractKey.Parse("1:0x5FBDB2315678AFECB367F032D93F642F64180AA3");

        Assert.Equal((1L, "0x5fbdb2315678afecb367f032d93f642f64180aa3"), (key.ChainId, key.Contract));
    }

    [Fact]
    public void RejectionReasons_AreShortEnoughForOneStorageWord() =>
        Assert.All(RejectionReasons.All, r => Assert.InRange(r.Length, 1, RejectionReasons.MaxLength));
}
