namespace BlockhostBroker.Protocol.Keys;

/// <summary>Strict hex decoding shared by the key types: an optional lowercase 0x, then exactly the expected digits.</summary>
internal static class HexText
{
    /// <summary>Decodes hex of exactly <paramref name="byteLength"/> bytes, accepting a leading "0x"; throws <see cref="KeyFormatException"/>.</summary>
    public static byte[] Decode(string text, int byteLength, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.StartsWith("0x", StringComparison.Ordinal) ? text.AsSpan(2) : text.AsSpan();
        if (digits.Length != byteLength * 2)
            throw new KeyFormatException(KeyFormatError.WrongLength,
                $"{what} must be {byteLength * 2} hex digits ({byteLength} bytes), got {digits.Length} characters");
        var bytes = new byte[byteLength];
        var status = Convert.FromHexString(digits, bytes, out _, out var written);
        if (status != System.Buffers.OperationStatus.Done || written != byteLength)
            throw new KeyFormatException(KeyFormatError.NotHex, $"{what} is not hexadecimal");
        return bytes;
    }
}
