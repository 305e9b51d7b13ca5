using System.Net;

namespace BlockhostBroker.Protocol.Payloads;

/// <summary>
/// The client's checks on a parsed response, beyond syntax (which parsing already ensured: the prefix
/// is IPv6 without host bits, the gateway is IPv6, the endpoint is host:port, the broker key is 32 bytes):
/// the prefix has the length the client asked for, and the gateway is a global unicast address outside
/// that prefix (the broker's own address lies in its upstream prefix, never in a client's allocation).
/// </summary>
public static class ResponseValidator
{
    /// <summary>The prefix length brokers allocate by default.</summary>
    public const int DefaultPrefixLength = 120;

    /// <summary>Checks a response; the result carries it back or a typed reason.</summary>
    public static PayloadParseResult<ResponsePayload> Validate(ResponsePayload response, int expectedPrefixLength = DefaultPrefixLength)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedPrefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(expectedPrefixLength, IpSyntax.Ipv6Bits);
        if (response.Prefix.PrefixLength != expectedPrefixLength)
            return new PayloadFailure(PayloadError.UnexpectedPrefixLength, PayloadReasons.UnexpectedPrefixLength,
                $"prefix {response.Prefix} is not a /{expectedPrefixLength}");
        if (!IpSyntax.IsGlobalUnicast(response.Gateway))
            return new PayloadFailure(PayloadError.UnusableGateway, PayloadReasons.UnusableGateway,
                $"gateway {response.Gateway} is not a global unicast address (2000::/3)");
        if (response.Prefix.Contains(response.Gateway))
            return new PayloadFailure(PayloadError.UnusableGateway, PayloadReasons.UnusableGateway,
                $"gateway {response.Gateway} lies inside the allocated prefix {response.Prefix}");
        return response;
    }

    /// <summary>Parses and validates in one call.</summary>
    public static PayloadParseResult<ResponsePayload> ParseAndValidate(ReadOnlySpan<byte> utf8, int expectedPrefixLength = DefaultPrefixLength)
    {
        var parsed = ResponsePayload.Parse(utf8);
        return parsed.IsSuccess ? Validate(parsed.Value, expectedPrefixLength) : parsed;
    }
}
