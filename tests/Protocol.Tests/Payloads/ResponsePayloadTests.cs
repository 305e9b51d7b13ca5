using System.Net;
using System.Text.Json.Nodes;
using BlockhostBroker.Protocol.Payloads;

namespace BlockhostBroker.Protocol.Tests.Payloads;

/// <summary>The response payload: exact wire names, round trips, and a typed reason for each way a field can be wrong.</summary>
public sealed class ResponsePayloadTests
{
    [Fact]
    public void ToJson_Response_UsesSeedPropertyNamesInOrder()
    {
        var response = PayloadSamples.Response();

        var json = response.ToJson();

        Assert.Equal(
            $"{{\"prefix\":\"2001:db8::100/120\",\"gateway\":\"2001:db8::1\",\"brokerPubkey\":\"{response.BrokerPubkey}\",\"brokerEndpoint\":\"broker.example.org:51820\"}}",
            json);
    }

    [Theory]
    [InlineData("broker.example.org:51820")]
    [InlineData("203.0.113.7:51820")]
    [InlineData("[2001:db8::7]:51820")]
    public void Parse_SerializedResponse_RoundTrips(string endpoint)
    {
        var response = PayloadSamples.Response(endpoint: endpoint);

        var parsed = ResponsePayload.Parse(response.ToUtf8Json());

        Assert.True(parsed.IsSuccess, parsed.ToString());
        Assert.Equal(response, parsed.Value);
        Assert.Equal(endpoint, parsed.Value.BrokerEndpoint.ToString());
    }

    [Theory]
    [InlineData("2001:db8::100")]
    [InlineData("2001:db8::101/120")]
    [InlineData("2001:db8::100/0120")]
    [InlineData("2001:db8::100/129")]
    [InlineData("2001:db8::100/")]
    [InlineData("2001:db8::100/-1")]
    [InlineData("2001:db8::100/12 ")]
    [InlineData(" 2001:db8::100/120")]
    [InlineData("2001:db8::100%eth0/120")]
    [InlineData("10.0.0.0/8")]
    [InlineData("2001:db8::100/120/1")]
    [InlineData("")]
    public void Parse_BadPrefix_GivesBadPrefix(string prefix)
    {
        var json = PayloadSamples.ResponseJson().With(PayloadFields.Prefix, prefix);

        var parsed = ResponsePayload.Parse(json);

        Assert.Equal(PayloadError.BadPrefix, parsed.Error);
        Assert.Equal("payload: bad prefix", parsed.Reason);
    }

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("2001:db8::1/128")]
    [InlineData("2001:db8:::1")]
    [InlineData("gateway")]
    public void Parse_BadGateway_GivesBadGateway(string gateway)
    {
        var json = PayloadSamples.ResponseJson().With(PayloadFields.Gateway, gateway);

        var parsed = ResponsePayload.Parse(json);

        Assert.Equal(PayloadError.BadGateway, parsed.Error);
        Assert.Equal("payload: bad gateway", parsed.Reason);
    }

    [Theory]
    [InlineData("broker.example.org")]
    [InlineData("broker.example.org:0")]
    [InlineData("broker.example.org:65536")]
    [InlineData("2001:db8::1:51820")]
    public void Parse_BadEndpoint_GivesBadBrokerEndpoint(string endpoint)
    {
        var json = PayloadSamples.ResponseJson().With(PayloadFields.BrokerEndpoint, endpoint);

        var parsed = ResponsePayload.Parse(json);

        Assert.Equal(PayloadError.BadEndpoint, parsed.Error);
        Assert.Equal("payload: bad brokerEndpoint", parsed.Reason);
    }

    [Theory]
    [InlineData("AAAA", PayloadError.BadKeyLength)]
    [InlineData("%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%=", PayloadError.BadBase64)]
    public void Parse_BadBrokerPubkey_GivesBadBrokerPubkey(string key, PayloadError expected)
    {
        var json = PayloadSamples.ResponseJson().With(PayloadFields.BrokerPubkey, key);

        var parsed = ResponsePayload.Parse(json);

        Assert.Equal(expected, parsed.Error);
        Assert.Equal("payload: bad brokerPubkey", parsed.Reason);
    }

    [Theory]
    [InlineData(PayloadFields.Prefix)]
    [InlineData(PayloadFields.Gateway)]
    [InlineData(PayloadFields.BrokerPubkey)]
    [InlineData(PayloadFields.BrokerEndpoint)]
    public void Parse_MissingOrNonStringField_NamesTheField(string field)
    {
        var missing = ResponsePayload.Parse(PayloadSamples.ResponseJson().With(field, null, remove: true));
        var number = ResponsePayload.Parse(PayloadSamples.ResponseJson().With(field, JsonValue.Create(120)));

        Assert.Equal(PayloadError.MissingField, missing.Error);
        Assert.Equal($"payload: missing {field}", missing.Reason);
        Assert.Equal(PayloadError.WrongFieldType, number.Error);
        Assert.Equal($"payload: bad {field}", number.Reason);
    }

    [Fact]
    public void Constructor_Ipv4Prefix_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => PayloadSamples.Response(prefix: "10.0.0.0/24"));
    }

    [Fact]
    public void Prefix_ParsedFromResponse_IsSystemNetIPNetwork()
    {
        var parsed = ResponsePayload.Parse(PayloadSamples.Response().ToJson());

        Assert.Equal(IPNetwork.Parse("2001:db8::100/120"), parsed.Value!.Prefix);
        Assert.True(parsed.Value.Prefix.Contains(IPAddress.Parse("2001:db8::1ff")));
    }
}
