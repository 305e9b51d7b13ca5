using System.Text.Json.Nodes;
using BlockhostBroker.Protocol.Payloads;

namespace BlockhostBroker.Protocol.Tests.Payloads;

/// <summary>The request payload: exact wire names, round trips, and a typed reason for each way a field can be wrong.</summary>
public sealed class RequestPayloadTests
{
    [Fact]
    public void ToJson_Request_UsesSeedPropertyNamesInOrderWithoutEscapes()
    {
        var request = PayloadSamples.Request();

        var json = request.ToJson();

        Assert.Equal(
            $"{{\"wgPubkey\":\"{request.WgPubkey.ToBase64()}\",\"nftContract\":\"{PayloadSamples.ChecksummedContract}\",\"serverPubkey\":\"{request.ServerPubkey.ToHex()}\"}}",
            json);
    }

    [Fact]
    public void Parse_SerializedRequest_RoundTrips()
    {
        var request = PayloadSamples.Request();

        var parsed = RequestPayload.Parse(request.ToUtf8Json());

        Assert.True(parsed.IsSuccess, parsed.ToString());
        Assert.Equal(request, parsed.Value);
        Assert.Equal(PayloadError.None, parsed.Error);
    }

    [Theory]
    [InlineData("0x0e8c84222809b048e9175e4f540cd8766a587431")]
    [InlineData("0x0E8C84222809B048E9175E4F540CD8766A587431")]
    [InlineData(PayloadSamples.ChecksummedContract)]
    public void Parse_LowerUpperOrChecksummedAddress_IsAcceptedAndHeldChecksummed(string address)
    {
        var json = PayloadSamples.RequestJson().With(PayloadFields.NftContract, address);

        var parsed = RequestPayload.Parse(json);

        Assert.True(parsed.IsSuccess, parsed.ToString());
        Assert.Equal(PayloadSamples.ChecksummedContract, parsed.Value.NftContract);
        Assert.True(parsed.Value.IsFor(address.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("0x0e8C84222809b048e9175E4f540CD8766A587431")]
    [InlineData("0x0E8C84222809b048e9175E4f540CD8766A587432")]
    public void Parse_MixedCaseAddressWithWrongChecksum_GivesChecksumReason(string address)
    {
        var json = PayloadSamples.RequestJson().With(PayloadFields.NftContract, address);

        var parsed = RequestPayload.Parse(json);

        Assert.Equal(PayloadError.BadAddressChecksum, parsed.Error);
        Assert.Equal(PayloadReasons.BadNftContractChecksum, parsed.Reason);
        Assert.Equal("payload: nftContract not EIP-55", parsed.Reason);
    }

    [Theory]
    [InlineData("0e8c84222809b048e9175e4f540cd8766a587431")]
    [InlineData("0x0e8c84222809b048e9175e4f540cd8766a58743")]
    [InlineData("0x0e8c84222809b048e9175e4f540cd8766a5874311")]
    [InlineData("0x0e8c84222809b048e9175e4f540cd8766a58743g")]
    [InlineData("0X0e8c84222809b048e9175e4f540cd8766a587431")]
    [InlineData("0x0000000000000000000000000000000000000000")]
    [InlineData("")]
    public void Parse_MalformedAddress_GivesBadNftContract(string address)
    {
        var json = PayloadSamples.RequestJson().With(PayloadFields.NftContract, address);

        var parsed = RequestPayload.Parse(json);

        Assert.Equal(PayloadError.BadAddress, parsed.Error);
        Assert.Equal("payload: bad nftContract", parsed.Reason);
    }

    [Theory]
    [InlineData("AAAA", PayloadError.BadKeyLength)]
    [InlineData("sp/3HOKtHE0f7GA+tN9W7GogDVVjkEr+Lwn51SgKNA==", PayloadError.BadKeyLength)]
    [InlineData("sp/3HOKtHE0f7GA+tN9W7GogDVVjkEr+Lwn51SgKNAkAAAA=", PayloadError.BadKeyLength)]
    [InlineData("sp/3HOKtHE0f7GA+tN9W7GogDVVjkEr+Lwn51SgKNAk", PayloadError.BadBase64)]
    [InlineData("sp/3HOKtHE0f7GA+tN9W7GogDVVjkEr+Lwn51SgKNAl=", PayloadError.BadBase64)]
    [InlineData("sp/3HOKtHE0f7GA+tN9W7GogDVVjkEr+Lwn51Sg!NAk=", PayloadError.BadBase64)]
    [InlineData("not base64 at all, not at all, not at all!!", PayloadError.BadBase64)]
    public void Parse_BadWgPubkey_GivesBadWgPubkeyWithSpecificError(string value, PayloadError expected)
    {
        var json = PayloadSamples.RequestJson().With(PayloadFields.WgPubkey, value);

        var parsed = RequestPayload.Parse(json);

        Assert.Equal(expected, parsed.Error);
        Assert.Equal("payload: bad wgPubkey", parsed.Reason);
    }

    [Theory]
    [InlineData("04zz", PayloadError.BadKeyLength)]
    [InlineData("02c72f24a5a2399e52ffd56d6ab1b39a01ee9209ec62fa5d5468fde3bf1583f809", PayloadError.BadKeyLength)]
    [InlineData("04c72f24a5a2399e52ffd56d6ab1b39a01ee9209ec62fa5d5468fde3bf1583f80935a07f359c8d1f8fef2f2e4f8f740a695ffc38881a859910cf8a1565346283a3", PayloadError.NotOnCurve)]
    [InlineData("04c72f24a5a2399e52ffd56d6ab1b39a01ee9209ec62fa5d5468fde3bf1583f80935a07f359c8d1f8fef2f2e4f8f740a695ffc38881a859910cf8a15653462830g", PayloadError.BadHex)]
    [InlineData("03c72f24a5a2399e52ffd56d6ab1b39a01ee9209ec62fa5d5468fde3bf1583f80935a07f359c8d1f8fef2f2e4f8f740a695ffc38881a859910cf8a1565346283a2", PayloadError.NotOnCurve)]
    public void Parse_BadServerPubkey_GivesBadServerPubkeyWithSpecificError(string value, PayloadError expected)
    {
        var json = PayloadSamples.RequestJson().With(PayloadFields.ServerPubkey, value);

        var parsed = RequestPayload.Parse(json);

        Assert.Equal(expected, parsed.Error);
        Assert.Equal("payload: bad serverPubkey", parsed.Reason);
    }

    [Theory]
    [InlineData(PayloadFields.WgPubkey, PayloadReasons.MissingWgPubkey)]
    [InlineData(PayloadFields.NftContract, PayloadReasons.MissingNftContract)]
    [InlineData(PayloadFields.ServerPubkey, PayloadReasons.MissingServerPubkey)]
    public void Parse_MissingField_NamesTheField(string field, string reason)
    {
        var json = PayloadSamples.RequestJson().With(field, null, remove: true);

        var parsed = RequestPayload.Parse(json);

        Assert.Equal(PayloadError.MissingField, parsed.Error);
        Assert.Equal(reason, parsed.Reason);
        Assert.Equal($"payload: missing {field}", parsed.Reason);
    }

    [Theory]
    [InlineData(PayloadFields.WgPubkey, "42")]
    [InlineData(PayloadFields.NftContract, "null")]
    [InlineData(PayloadFields.ServerPubkey, "[\"04\"]")]
    [InlineData(PayloadFields.WgPubkey, "{\"a\":1}")]
    [InlineData(PayloadFields.NftContract, "true")]
    public void Parse_FieldOfWrongJsonType_GivesWrongFieldTypeWithFieldReason(string field, string value)
    {
        var json = PayloadSamples.RequestJson().With(field, JsonNode.Parse(value));

        var parsed = RequestPayload.Parse(json);

        Assert.Equal(PayloadError.WrongFieldType, parsed.Error);
        Assert.Equal($"payload: bad {field}", parsed.Reason);
    }

    [Fact]
    public void Parse_ExtraFields_AreIgnored()
    {
        var json = PayloadSamples.RequestJson().With("futureField", new JsonObject { ["nested"] = 1 });

        var parsed = RequestPayload.Parse(json);

        Assert.True(parsed.IsSuccess, parsed.ToString());
    }

    [Fact]
    public void Constructor_InvalidAddress_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => PayloadSamples.Request("0x1234"));
    }
}
