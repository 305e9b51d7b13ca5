using System.Globalization;

namespace BlockhostBroker.Grains.Chain;

/// <summary>The key of an operator wallet grain: "chainId:operatorAddress", the address in lowercase "0x" hex.</summary>
public readonly record struct WalletKey(long ChainId, string Address)
{
    private const int AddressHexLength = 40;

    /// <summary>Builds the key for an account on a chain, lowercasing the address; throws <see cref="ArgumentException"/> for a malformed address.</summary>
    public static WalletKey For(long chainId, string address)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chainId);
        if (!IsAddress(address))
            throw new ArgumentException($"'{address}' is not a 0x-prefixed 20-byte hex address", nameof(address));
        return new WalletKey(chainId, address.ToLowerInvariant());
    }

    /// <summary>Parses "chainId:address"; throws <see cref="FormatException"/> naming the expected form.</summary>
    public static WalletKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0
            && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var chainId)
            && chainId > 0
            && text[(colon + 1)..] is var address && IsAddress(address) && address == address.ToLowerInvariant())
            return new WalletKey(chainId, address);
        throw new FormatException($"'{text}' is not a wallet key; expected \"chainId:0x<40 lowercase hex digits>\"");
    }

    /// <summary>The grain key text.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{ChainId}:{Address}");

    private static bool IsAddress(string? text) =>
        text is { Length: AddressHexLength + 2 } && text.StartsWith("0x", StringComparison.Ordinal)
        && text.AsSpan(2).IndexOfAnyExcept("0123456789abcdefABCDEF") < 0;
}
