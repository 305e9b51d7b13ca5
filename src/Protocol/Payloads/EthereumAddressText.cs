using Nethereum.Util;

namespace BlockhostBroker.Protocol.Payloads;

/// <summary>
/// Ethereum address text under EIP-55: "0x" and 40 hex digits. A mixed-case address must carry a
/// valid checksum; an all-lowercase or all-uppercase one carries none and is accepted (the seed's
/// own clients send lowercase). Accepted addresses are returned in checksummed form.
/// </summary>
public static class EthereumAddressText
{
    /// <summary>Characters in an address: "0x" and 40 hex digits.</summary>
    public const int Length = 42;

    /// <summary>Checks an address and returns its EIP-55 form; false with the error otherwise.</summary>
    public static bool TryNormalize(string? text, out string checksummed, out PayloadError error)
    {
        checksummed = "";
        error = PayloadError.BadAddress;
        if (text is null || text.Length != Length || !text.StartsWith("0x", StringComparison.Ordinal)) return false;
        var digits = text.AsSpan(2);
        if (!digits.ContainsOnlyHex()) return false;
        var candidate = AddressUtil.Current.ConvertToChecksumAddress(text);
        if (IsMixedCase(digits) && !string.Equals(candidate, text, StringComparison.Ordinal))
        {
            error = PayloadError.BadAddressChecksum;
            return false;
        }
        if (digits.IndexOfAnyExcept('0') < 0) return false; // the zero address is never a contract
        checksummed = candidate;
        error = PayloadError.None;
        return true;
    }

    /// <summary>Returns the EIP-55 form of a valid address; throws <see cref="FormatException"/> otherwise.</summary>
    public static string ToChecksum(string text) =>
        TryNormalize(text, out var checksummed, out var error)
            ? checksummed
            : throw new FormatException($"'{text}' is not a valid Ethereum address ({error})");

    /// <summary>True when two addresses name the same account, whatever their case.</summary>
    public static bool SameAddress(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool IsMixedCase(ReadOnlySpan<char> digits) =>
        digits.IndexOfAnyInRange('a', 'f') >= 0 && digits.IndexOfAnyInRange('A', 'F') >= 0;
}

/// <summary>Span helpers for hex text.</summary>
internal static class HexSpan
{
    /// <summary>True when every character is 0-9, a-f or A-F.</summary>
    public static bool ContainsOnlyHex(this ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }
        return true;
    }
}
