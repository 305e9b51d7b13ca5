namespace BlockhostBroker.Grains.WireGuard;

/// <summary>Checks the text form of WireGuard keys: base64 of exactly 32 bytes, as `wg genkey`/`wg pubkey` print them.</summary>
public static class WireGuardKey
{
    /// <summary>Bytes in a Curve25519 key.</summary>
    public const int KeyLength = 32;

    /// <summary>Characters in the base64 text of a key (with one '=' of padding).</summary>
    public const int TextLength = 44;

    /// <summary>True when the text is the canonical base64 form of a 32-byte key (what `wg` itself prints).</summary>
    public static bool IsValid(string? text)
    {
        if (text is null || text.Length != TextLength)
            return false;
        Span<byte> buffer = stackalloc byte[KeyLength + 1];
        return Convert.TryFromBase64String(text, buffer, out var written)
            && written == KeyLength
            && Convert.ToBase64String(buffer[..KeyLength]) == text;
    }

    /// <summary>Returns the key unchanged, or throws <see cref="WireGuardKeyFormatException"/> naming what it was meant to be.</summary>
    public static string Require(string? text, string what) =>
        IsValid(text) ? text! : throw new WireGuardKeyFormatException(what);
}
