using System.Globalization;

namespace BlockhostBroker.Grains.Requests;

/// <summary>A grain key that is not "chainId:contract" or "chainId:contract:requestId".</summary>
public sealed class InvalidGrainKeyException(string key, string expected)
    : FormatException($"grain key '{key}' is not {expected}")
{
    /// <summary>The key that failed to parse.</summary>
    public string Key { get; } = key;
}

/// <summary>One requests contract on one chain: the ChainWatcherGrain's key, "chainId:contract" with the address in lowercase.</summary>
public sealed record ContractKey
{
    private const string Shape = "\"chainId:0x…contract\"";
    private const int AddressLength = 42;

    /// <summary>Builds the key; the address is kept in lowercase so one contract has one key.</summary>
    public ContractKey(long chainId, string contract)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chainId);
        if (!IsAddress(contract))
            throw new InvalidGrainKeyException(contract, "a 0x-prefixed 20-byte contract address");
        ChainId = chainId;
        Contract = contract.ToLowerInvariant();
    }

    /// <summary>The chain id.</summary>
    public long ChainId { get; }

    /// <summary>The requests contract, lowercase 0x-hex.</summary>
    public string Contract { get; }

    /// <summary>Reads "chainId:contract"; throws <see cref="InvalidGrainKeyException"/>.</summary>
    public static ContractKey Parse(string key)
    {
        var parts = key.Split(':');
        if (parts.Length != 2 || !TryParsePositive(parts[0], out var chainId) || !IsAddress(parts[1]))
            throw new InvalidGrainKeyException(key, Shape);
        return new ContractKey(chainId, parts[1]);
    }

    /// <summary>"chainId:contract".</summary>
    public override string ToString() => $"{ChainId.ToString(CultureInfo.InvariantCulture)}:{Contract}";

    internal static bool TryParsePositive(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    private static bool IsAddress(string text)
    {
        if (text.Length != AddressLength || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return false;
        foreach (var c in text.AsSpan(2))
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }
        return true;
    }
}

/// <summary>One on-chain request: the RequestGrain's key, "chainId:contract:requestId".</summary>
public sealed record RequestKey(ContractKey Contract, long RequestId)
{
    /// <summary>Reads "chainId:contract:requestId"; throws <see cref="InvalidGrainKeyException"/>.</summary>
    public static RequestKey Parse(string key)
    {
        var last = key.LastIndexOf(':');
        if (last < 0 || !ContractKey.TryParsePositive(key[(last + 1)..], out var requestId))
            throw new InvalidGrainKeyException(key, "\"chainId:0x…contract:requestId\"");
        try
        {
            return new RequestKey(ContractKey.Parse(key[..last]), requestId);
        }
        catch (InvalidGrainKeyException)
        {
            throw new InvalidGrainKeyException(key, "\"chainId:0x…contract:requestId\"");
        }
    }

    /// <summary>"chainId:contract:requestId".</summary>
    public override string ToString() => $"{Contract}:{RequestId.ToString(CultureInfo.InvariantCulture)}";
}
