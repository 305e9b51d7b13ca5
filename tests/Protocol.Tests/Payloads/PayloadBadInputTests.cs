using System.Text;
using BlockhostBroker.Protocol.Payloads;

namespace BlockhostBroker.Protocol.Tests.Payloads;

/// <summary>Bytes that are not a payload at all give typed reasons before any field is read.</summary>
public sealed class PayloadBadInputTests
{
    [Theory]
    [InlineData("", PayloadError.NotJson)]
    [InlineData("{", PayloadError.NotJson)]
    [InlineData("{\"wgPubkey\":\"x\",}", PayloadError.NotJson)]
    [InlineData("{/*c*/}", PayloadError.NotJson)]
    [InlineData("hello", PayloadError.NotJson)]
    [InlineData("[]", PayloadError.NotObject)]
    [InlineData("\"text\"", PayloadError.NotObject)]
    [InlineData("42", PayloadError.NotObject)]
    [InlineData("null", PayloadError.NotObject)]
    public void Parse_NotAJsonObject_GivesTypedReason(string text, PayloadError expected)
    {
        var request = RequestPayload.Parse(text);
        var response = ResponsePayload.Parse(text);

        Assert.Equal(expected, request.Error);
        Assert.Equal(expected, response.Error);
        Assert.Equal(expected == PayloadError.NotJson ? "payload: not json" : "payload: not an object", request.Reason);
    }

    [Fact]
    public void Parse_InvalidUtf8_GivesNotUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes(PayloadSamples.Request().ToJson());
        bytes[15] = 0xC3; // a lead byte followed by ASCII is not UTF-8
        bytes[16] = 0x28;

        var parsed = RequestPayload.Parse(bytes);

        Assert.Equal(PayloadError.NotUtf8, parsed.Error);
        Assert.Equal(PayloadReasons.NotUtf8, parsed.Reason);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0x7B, 0xED, 0xA0, 0x80, 0x7D })] // an encoded UTF-16 surrogate
    [InlineData(new byte[] { 0x7B, 0xC0, 0xAF, 0x7D })] // an overlong '/'
    public void Parse_MalformedUtf8Sequences_GiveNotUtf8(byte[] bytes)
    {
        Assert.Equal(PayloadError.NotUtf8, ResponsePayload.Parse(bytes).Error);
    }

    [Fact]
    public void Parse_OneMegabytePayload_GivesTooLargeWithoutParsing()
    {
        var json = PayloadSamples.RequestJson().With("padding", new string('a', 1024 * 1024));

        var parsed = RequestPayload.Parse(json);

        Assert.Equal(PayloadError.TooLarge, parsed.Error);
        Assert.Equal("payload: too large", parsed.Reason);
    }

    [Fact]
    public void Parse_PayloadJustUnderTheCap_IsParsed()
    {
        var template = PayloadSamples.RequestJson();
        var padding = PayloadJson.MaxPayloadLength - template.ToJsonString().Length - ",\"padding\":\"\"".Length;
        var json = template.With("padding", new string('a', padding));

        var parsed = RequestPayload.Parse(json);

        Assert.Equal(PayloadJson.MaxPayloadLength, Encoding.UTF8.GetByteCount(json));
        Assert.True(parsed.IsSuccess, parsed.ToString());
    }

    [Fact]
    public void Parse_DeeplyNestedExtraField_GivesNotJsonNotAStackOverflow()
    {
        var nested = new string('[', 5000) + new string(']', 5000);
        var json = PayloadSamples.RequestJson().ToJsonString()[..^1] + ",\"deep\":" + nested + "}";

        var parsed = RequestPayload.Parse(json);

        Assert.Equal(PayloadError.NotJson, parsed.Error);
    }

    [Fact]
    public void Parse_DuplicateField_GivesDuplicateField()
    {
        var sample = PayloadSamples.Request();
        var json = sample.ToJson()[..^1] + $",\"wgPubkey\":\"{PayloadSamples.Request().WgPubkey}\"}}";

        var parsed = RequestPayload.Parse(json);

        Assert.Equal(PayloadError.DuplicateField, parsed.Error);
        Assert.Equal(PayloadReasons.DuplicateField, parsed.Reason);
    }

    [Fact]
    public void Reasons_AllOfThem_FitAShortOnChainString()
    {
        var reasons = typeof(PayloadReasons).GetFields()
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.True(reasons.Count >= 20);
        Assert.All(reasons, r => Assert.StartsWith("payload: ", r));
        Assert.All(reasons, r => Assert.InRange(r.Length, 10, 40));
        Assert.Equal(reasons.Count, reasons.Distinct().Count());
    }
}
