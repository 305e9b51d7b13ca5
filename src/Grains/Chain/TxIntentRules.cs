namespace BlockhostBroker.Grains.Chain;

/// <summary>Checks a <see cref="TxIntent"/> before the wallet spends a nonce on it.</summary>
public static class TxIntentRules
{
    /// <summary>The longest intent key accepted; keys are stored in grain state.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>The largest calldata accepted (a response with its payload is far smaller).</summary>
    public const int MaxDataLength = 128 * 1024;

    private const int AddressLength = 42;

    /// <summary>Throws <see cref="InvalidTxIntentException"/> naming the first problem.</summary>
    public static void Validate(TxIntent? intent)
    {
        if (intent is null) throw new InvalidTxIntentException("the intent is null");
        if (string.IsNullOrWhiteSpace(intent.Key) || intent.Key.Length > MaxKeyLength)
            throw new InvalidTxIntentException($"intent key must be 1-{MaxKeyLength} characters, got '{intent.Key}'");
        if (!IsAddress(intent.To))
            throw new InvalidTxIntentException($"intent {intent.Key}: target '{intent.To}' is not a 0x-prefixed 20-byte address");
        if (intent.Data is null || intent.Data.Length > MaxDataLength)
            throw new InvalidTxIntentException($"intent {intent.Key}: calldata must be present and at most {MaxDataLength} bytes");
        if (!Enum.IsDefined(intent.Purpose))
            throw new InvalidTxIntentException($"intent {intent.Key}: unknown purpose {(int)intent.Purpose}");
        if (intent.Requester is not null && !IsAddress(intent.Requester))
            throw new InvalidTxIntentException($"intent {intent.Key}: requester '{intent.Requester}' is not an address");
    }

    private static bool IsAddress(string? text) =>
        text is { Length: AddressLength } && text.StartsWith("0x", StringComparison.Ordinal)
        && text.AsSpan(2).IndexOfAnyExcept("0123456789abcdefABCDEF") < 0;
}
