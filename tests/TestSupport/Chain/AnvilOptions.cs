using BlockhostBroker.Protocol.Transactions;

namespace BlockhostBroker.TestSupport.Chain;

/// <summary>How to start anvil: automine (default) or a fixed block time, chain id, hardfork.</summary>
public sealed record AnvilOptions
{
    /// <summary>Seconds between blocks; null mines one block per transaction (automine).</summary>
    public double? BlockTimeSeconds { get; init; }

    /// <summary>When false (and no block time is set) anvil mines only on evm_mine, so sent transactions stay pending.</summary>
    public bool AutoMine { get; init; } = true;

    /// <summary>The chain id anvil reports.</summary>
    public long ChainId { get; init; } = 31337;

    /// <summary>A hardfork name (e.g. "berlin" for a chain without EIP-1559); null for anvil's default.</summary>
    public string? Hardfork { get; init; }

    /// <summary>Prefunded dev accounts to create.</summary>
    public int Accounts { get; init; } = 10;

    /// <summary>
    /// Keep the chain in a state file (anvil --state) so <see cref="AnvilChain.StopAsync"/> and
    /// <see cref="AnvilChain.RestartAsync"/> can take the node down and bring back the same chain.
    /// </summary>
    public bool PersistState { get; init; }
}

/// <summary>A prefunded anvil account: its address and a signer for its key.</summary>
public sealed class DevAccount(OfflineTransactionSigner signer, string privateKeyHex)
{
    /// <summary>The checksummed address.</summary>
    public string Address => Signer.Address;

    /// <summary>Signs transactions offline for this account.</summary>
    public OfflineTransactionSigner Signer { get; } = signer;

    /// <summary>The private key as 0x hex, for passing to forge and cast (test keys only).</summary>
    public string PrivateKeyHex { get; } = privateKeyHex;

    /// <summary>Names the address only.</summary>
    public override string ToString() => Address;
}

