using BlockhostBroker.Grains.PrefixPool;

namespace BlockhostBroker.Grains.Tests.PrefixPool;

/// <summary>Normalizing NFT contract addresses and checking WireGuard keys before they reach the pool.</summary>
public sealed class AllocationRequestTests
{
    [Theory]
    [InlineData("0x5FbDB2315678afecb367f032d93F642f64180aa3", "0x5fbdb2315678afecb367f032d93f642f64180aa3")]
    [InlineData("0X5FBDB2315678AFECB367F032D93F642F64180AA3", "0x5fbdb2315678afecb367f032d93f642f64180aa3")]
    [InlineData("0x0000000000000000000000000000000000000000", "0x0000000000000000000000000000000000000000")]
    public void NormalizeContract_AnyCase_GivesLowercase(string input, string expected)
    {
        Assert.Equal(expected, AllocationRequest.NormalizeContract(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5FbDB2315678afecb367f032d93F642f64180aa3")]
    [InlineData("0x5FbDB2315678afecb367f032d93F642f64180aa")]
    [InlineData("0x5FbDB2315678afecb367f032d93F642f64180aa33")]
    [InlineData("0x5FbDB2315678afecb367f032d93F642f64180ag3")]
    [InlineData(" 0x5FbDB2315678afecb367f032d93F642f64180aa3")]
    public void NormalizeContract_NotAnAddress_Throws(string? input)
    {
        Assert.Throws<InvalidAllocationRequestException>(() => AllocationRequest.NormalizeContract(input));
    }

    [Fact]
    public void CheckKey_Base64Of32Bytes_IsReturnedUnchanged()
    {
        var key = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray());

        Assert.Equal(key, AllocationRequest.CheckKey(key));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AAAA")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gIQ==")] // 34 bytes
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")] // unpadded
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh9=")] // non-canonical last character
    [InlineData(" AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")]
    public void CheckKey_NotAWireGuardKey_Throws(string? input)
    {
        Assert.Throws<InvalidAllocationRequestException>(() => AllocationRequest.CheckKey(input));
    }
}
