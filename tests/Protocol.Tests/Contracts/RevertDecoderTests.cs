using System.Numerics;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.Protocol.Tests.Contracts;

/// <summary>Revert data encoded by cast decodes to the right kind and values; node errors are classified as reverts only when they are.</summary>
public sealed class RevertDecoderTests
{
    [Fact]
    public async Task Decode_ErrorStringsEncodedByCast_GiveExactReasons()
    {
        string[] reasons = ["Sender does not own NFT contract", "", "ünïcødé ✓ 🚀", new string('x', 100)];

        var encoded = await Cast.CalldataBatchAsync(reasons.Select(r => ("Error(string)", (IReadOnlyList<string>)[Cast.StringArgument(r)!])).ToList());
        var decoded = encoded.Select(hex => RevertDecoder.Decode(Convert.FromHexString(hex.Trim()[2..]))).ToList();

        Assert.All(decoded, d => Assert.Equal(RevertKind.ErrorString, d.Kind));
        Assert.Equal(reasons, decoded.Select(d => d.Reason!));
    }

    [Fact]
    public async Task Decode_PanicEncodedByCast_GivesCode()
    {
        var encoded = await Cast.CalldataAsync("Panic(uint256)", "17");

        var revert = RevertDecoder.Decode(Convert.FromHexString(encoded[2..]));

        Assert.Equal((RevertKind.Panic, new BigInteger(0x11)), (revert.Kind, revert.PanicCode!.Value));
    }

    [Fact]
    public async Task Decode_OwnableCustomErrorEncodedByCast_IsNamed()
    {
        var encoded = await Cast.CalldataAsync("OwnableUnauthorizedAccount(address)", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

        var revert = RevertDecoder.Decode(Convert.FromHexString(encoded[2..]));

        Assert.Equal((RevertKind.CustomError, "OwnableUnauthorizedAccount", encoded[..10]), (revert.Kind, revert.ErrorName, revert.ErrorSelector));
    }

    [Theory]
    [InlineData("", RevertKind.Empty)]
    [InlineData("08c379", RevertKind.Malformed)]
    [InlineData("08c379a0", RevertKind.Malformed)]
    [InlineData("08c379a00000000000000000000000000000000000000000000000000000000000000020", RevertKind.Malformed)]
    [InlineData("08c379a0000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000ff41", RevertKind.Malformed)]
    [InlineData("08c379a0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", RevertKind.Malformed)]
    [InlineData("4e487b7100", RevertKind.Malformed)]
    [InlineData("deadbeef", RevertKind.CustomError)]
    public void Decode_EdgeData_GivesKindWithoutThrowing(string hex, RevertKind expected)
    {
        Assert.Equal(expected, RevertDecoder.Decode(Convert.FromHexString(hex)).Kind);
    }

    [Fact]
    public void Classify_NonRevertNodeError_IsReturnedUnchanged()
    {
        var error = new JsonRpcErrorException("eth_call", -32000, "header not found", null);

        Assert.Same(error, RevertDecoder.Classify(error));
    }

    [Fact]
    public void Classify_Code3WithData_DecodesRevert()
    {
        var data = "0x4e487b71" + new string('0', 62) + "01";

        var revert = Assert.IsType<ContractRevertException>(RevertDecoder.Classify(new JsonRpcErrorException("eth_call", 3, "execution reverted", data)));

        Assert.Equal((RevertKind.Panic, BigInteger.One), (revert.Kind, revert.PanicCode!.Value));
        Assert.Contains("Panic(0x01)", revert.Message);
    }
}
