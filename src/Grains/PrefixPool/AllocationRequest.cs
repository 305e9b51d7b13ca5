namespace BlockhostBroker.Grains.PrefixPool;

/// <summary>Checks and normalizes what callers hand the pool: NFT contract addresses and WireGuard public keys.</summary>
public static class AllocationRequest
{
    private const string AddressPrefix = "0x";
    private const int AddressHexDigits = 40;
    private const int WireGuardKeyBytes = 32;

    /// <summary>The address in lowercase ("0x" and 40 hex digits), the pool's key for a contract; any case is accepted.</summary>
    public static string NormalizeContract(string? nftContract)
    {
        var text = nftContract ?? "";
        var valid = text.Length == AddressPrefix.Length + AddressHexDigits
            && text.StartsWith(AddressPrefix, StringComparison.OrdinalIgnoreCase)
            && text.AsSpan(AddressPrefix.Length).ContainsAnyExcept(HexDigits) == false;
        if (!valid)
            throw new InvalidAllocationRequestException($"'{text}' is not an NFT contract address: expected 0x followed by 40 hex digits");
        return text.ToLowerInvariant();
    }

    /// <summary>The key unchanged when it is canonical base64 of 32 bytes (as `wg pubkey` prints it).</summary>
    public static string CheckKey(string? wgPubkey)
    {
        var text = wgPubkey ?? "";
        Span<byte> bytes = stackalloc byte[WireGuardKeyBytes + 3];
        var valid = Convert.TryFromBase64String(text, bytes, out var written)
            && written == WireGuardKeyBytes
            && Convert.ToBase64String(bytes[..written]) == text;
        if (!valid)
            throw new InvalidAllocationRequestException($"'{text}' is not a WireGuard public key: expected the 44-character base64 of 32 bytes");
        return text;
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
