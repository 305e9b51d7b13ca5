using BlockhostBroker.Protocol.Payloads;

namespace BlockhostBroker.Protocol.Tests.Payloads;

/// <summary>The client's checks on a response: expected prefix length, and a gateway it can route to.</summary>
public sealed class ResponseValidatorTests
{
    [Fact]
    public void Validate_TypicalResponse_ReturnsIt()
    {
        var response = PayloadSamples.Response();

        var result = ResponseValidator.Validate(response);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Same(response, result.Value);
    }

    [Theory]
    [InlineData("2001:db8::/112", 120)]
    [InlineData("2001:db8::100/120", 112)]
    [InlineData("2001:db8::1:0/128", 120)]
    public void Validate_PrefixOfAnotherLength_GivesUnexpectedPrefixLength(string prefix, int expected)
    {
        var response = PayloadSamples.Response(prefix: prefix, gateway: "2001:db8:ffff::1");

        var result = ResponseValidator.Validate(response, expected);

        Assert.Equal(PayloadError.UnexpectedPrefixLength, result.Error);
        Assert.Equal("payload: wrong prefix length", result.Reason);
    }

    [Fact]
    public void Validate_OtherExpectedLength_Accepted()
    {
        var response = PayloadSamples.Response(prefix: "2001:db8::/112", gateway: "2001:db8:ffff::1");

        Assert.True(ResponseValidator.Validate(response, expectedPrefixLength: 112).IsSuccess);
    }

    [Theory]
    [InlineData("2001:db8::105")]
    [InlineData("2001:db8::100")]
    [InlineData("fe80::1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("ff02::1")]
    [InlineData("fd00::1")]
    public void Validate_GatewayInsidePrefixOrNotGlobal_GivesUnusableGateway(string gateway)
    {
        var response = PayloadSamples.Response(gateway: gateway);

        var result = ResponseValidator.Validate(response);

        Assert.Equal(PayloadError.UnusableGateway, result.Error);
        Assert.Equal(PayloadReasons.UnusableGateway, result.Reason);
    }

    [Fact]
    public void ParseAndValidate_BadJson_PassesTheParseFailureThrough()
    {
        var result = ResponseValidator.ParseAndValidate("[]"u8);

        Assert.Equal(PayloadError.NotObject, result.Error);
    }
}
