namespace BlockhostBroker.Protocol.Keys;

/// <summary>A WireGuard (X25519) public key: 32 bytes, written as 44 characters of base64 like <c>wg pubkey</c> prints.</summary>
public sealed class WireGuardKey : IEquatable<WireGuardKey>
{
    /// <summary>Length of a WireGuard key in bytes.</summary>
    public const int Length = 32;

    /// <summary>Length of its base64 text, including the one '=' of padding.</summary>
    public const int Base64Length = 44;

    private readonly byte[] _bytes;

    private WireGuardKey(byte[] bytes) => _bytes = bytes;

    /// <summary>Wraps exactly 32 bytes; throws <see cref="KeyFormatException"/> for any other length.</summary>
    public static WireGuardKey FromBytes(ReadOnlySpan<byte> bytes) => new(WireGuardBase64.CheckLength(bytes).ToArray());

    /// <summary>Reads the 44-character base64 form strictly; throws <see cref="KeyFormatException"/>.</summary>
    public static WireGuardKey Parse(string base64) => new(WireGuardBase64.Decode(base64, "a WireGuard public key"));

    /// <summary>Reads the 44-character base64 form strictly; false with the reason when invalid.</summary>
    public static bool TryParse(string? base64, out WireGuardKey? key, out KeyFormatError error)
    {
        key = null;
        error = default;
        try
        {
            key = Parse(base64 ?? "");
            return true;
        }
        catch (KeyFormatException e)
        {
            error = e.Error;
            return false;
        }
    }

    /// <summary>A copy of the 32 bytes.</summary>
    public byte[] ToBytes() => (byte[])_bytes.Clone();

    /// <summary>The 44-character base64 form.</summary>
    public string ToBase64() => Convert.ToBase64String(_bytes);

    /// <summary>The base64 form (public data, safe to log).</summary>
    public override string ToString() => ToBase64();

    /// <summary>True when both keys have the same bytes.</summary>
    public bool Equals(WireGuardKey? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as WireGuardKey);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);
}
