namespace BlockhostBroker.Protocol.Keys;

/// <summary>
/// Strict base64 for 32-byte WireGuard keys, as wireguard-tools reads them: exactly 44 characters
/// ending in one '=', standard alphabet, no whitespace, and zero padding bits (the canonical form).
/// </summary>
internal static class WireGuardBase64
{
    /// <summary>Decodes a key; throws <see cref="KeyFormatException"/> naming what was wrong (never the text itself).</summary>
    public static byte[] Decode(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != WireGuardKey.Base64Length)
            throw new KeyFormatException(KeyFormatError.WrongLength,
                $"{what} must be {WireGuardKey.Base64Length} base64 characters ({WireGuardKey.Length} bytes), got {text.Length}");
        var bytes = new byte[WireGuardKey.Length + 1];
        var unpadded = text.AsSpan().TrimEnd('=');
        // The alphabet check matters: .NET's decoder skips whitespace, which wg does not.
        if (text.Length - unpadded.Length > 2 || !IsAlphabet(unpadded) || !Convert.TryFromBase64String(text, bytes, out var written))
            throw new KeyFormatException(KeyFormatError.NotBase64, $"{what} is not base64");
        if (written != WireGuardKey.Length)
            throw new KeyFormatException(KeyFormatError.WrongLength,
                $"{what} must decode to {WireGuardKey.Length} bytes, got {written}");
        if (Convert.ToBase64String(bytes, 0, written) != text)
            throw new KeyFormatException(KeyFormatError.NotBase64, $"{what} is not canonical base64 (padding bits set)");
        return bytes[..WireGuardKey.Length];
    }

    /// <summary>Returns the span when it is exactly 32 bytes; throws <see cref="KeyFormatException"/> otherwise.</summary>
    public static ReadOnlySpan<byte> CheckLength(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != WireGuardKey.Length)
            throw new KeyFormatException(KeyFormatError.WrongLength,
                $"a WireGuard key must be {WireGuardKey.Length} bytes, got {bytes.Length}");
        return bytes;
    }

    private static bool IsAlphabet(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '/') return false;
        }
        return true;
    }
}
