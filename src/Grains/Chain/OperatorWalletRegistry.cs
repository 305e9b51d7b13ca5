namespace BlockhostBroker.Grains.Chain;

/// <summary>The operator wallets configured on this silo, by wallet key; other grains ask it which wallet grain to call.</summary>
public sealed class OperatorWalletRegistry : IDisposable
{
    private readonly Dictionary<WalletKey, OperatorAccount> accounts = [];
    private readonly Lock gate = new();

    /// <summary>Every configured wallet's key.</summary>
    public IReadOnlyList<WalletKey> Wallets
    {
        get { lock (gate) return [.. accounts.Keys]; }
    }

    /// <summary>The grain key of the one wallet configured for <paramref name="chainId"/>; throws <see cref="WalletNotConfiguredException"/> when there is none or several.</summary>
    public string WalletFor(long chainId)
    {
        var matches = Wallets.Where(k => k.ChainId == chainId).ToList();
        return matches.Count == 1
            ? matches[0].ToString()
            : throw new WalletNotConfiguredException(
                $"{matches.Count} operator wallets are configured for chain {chainId}; expected exactly one (config: onchain.chain_id, onchain.operator_key_file)");
    }

    /// <summary>The account of the wallet grain <paramref name="key"/>; throws <see cref="WalletNotConfiguredException"/> when this silo has no key for it.</summary>
    public OperatorAccount Get(WalletKey key)
    {
        lock (gate)
        {
            return accounts.TryGetValue(key, out var account)
                ? account
                : throw new WalletNotConfiguredException(
                    $"no operator key for wallet {key} on this silo; configured: {string.Join(", ", accounts.Keys)}");
        }
    }

    /// <summary>Adds an account; throws <see cref="WalletConfigurationException"/> when its wallet is already configured.</summary>
    public void Add(OperatorAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        lock (gate)
        {
            if (!accounts.TryAdd(account.Key, account))
                throw new WalletConfigurationException($"onchain.operator_key_file: wallet {account.Key} is configured twice");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (gate)
        {
            foreach (var account in accounts.Values) account.Dispose();
            accounts.Clear();
        }
    }
}
