namespace BlockhostBroker.Grains.Chain;

/// <summary>
/// One operator wallet: the chain it sends on, its key file and the fee, replacement and spam limits it obeys.
/// Bound from the [onchain] section; each setting names its config key.
/// </summary>
public sealed class WalletOptions
{
    /// <summary>The smallest fee bump nodes accept for a replacement with the same nonce.</summary>
    public const decimal MinFeeBumpPercent = 12.5m;

    /// <summary>JSON-RPC endpoint of the chain (config: onchain.rpc_url).</summary>
    public string RpcUrl { get; set; } = "http://127.0.0.1:8545";

    /// <summary>Chain id; checked against the node and signed into every transaction (config: onchain.chain_id).</summary>
    public long ChainId { get; set; } = 31337;

    /// <summary>The operator's secp256k1 secret, one hex line, mode 0600 (config: onchain.operator_key_file).</summary>
    public string OperatorKeyFile { get; set; } = "/etc/blockhost-broker/operator.key";

    /// <summary>A transaction unmined after this many blocks is replaced with higher fees (config: onchain.replace_after_blocks).</summary>
    public int ReplaceAfterBlocks { get; set; } = 3;

    /// <summary>How much a replacement raises both fees, in percent; at least 12.5 (config: onchain.fee_bump_percent).</summary>
    public decimal FeeBumpPercent { get; set; } = MinFeeBumpPercent;

    /// <summary>Gas the operator may spend on rejections in any hour; 0 = no limit (config: onchain.rejection_gas_budget_per_hour).</summary>
    public long RejectionGasBudgetPerHour { get; set; } = 5_000_000;

    /// <summary>Rejections sent per requester in any hour; 0 = no limit (config: onchain.rejections_per_requester_per_hour).</summary>
    public int RejectionsPerRequesterPerHour { get; set; } = 5;

    /// <summary>Most unmined transactions at once; further intents are deferred (config: onchain.max_in_flight).</summary>
    public int MaxInFlight { get; set; } = 256;

    /// <summary>Send legacy (EIP-155 gas price) transactions instead of EIP-1559 ones (config: onchain.legacy_transactions).</summary>
    public bool LegacyTransactions { get; set; }

    /// <summary>Deadline of one JSON-RPC call; under Orleans' 30 s call timeout (config: onchain.rpc_timeout_ms).</summary>
    public TimeSpan RpcTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often receipts of in-flight transactions are checked (config: onchain.poll_interval_ms).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Percentile of recent priority fees offered as the tip (config: onchain.priority_fee_percentile).</summary>
    public int PriorityFeePercentile { get; set; } = 50;

    /// <summary>The smallest tip offered, in gwei, for chains whose recent blocks paid none (config: onchain.min_priority_fee_gwei).</summary>
    public decimal MinPriorityFeeGwei { get; set; } = 0.1m;

    /// <summary>The most the wallet ever offers per gas, in gwei; replacements stop rising there (config: onchain.max_fee_per_gas_gwei).</summary>
    public decimal MaxFeePerGasGwei { get; set; } = 500m;

    /// <summary>How long mined or reverted entries stay answerable by GetStatus (config: onchain.wallet_history_hours).</summary>
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Most mined or reverted entries kept; the oldest are forgotten first (config: onchain.wallet_history_max_entries).</summary>
    public int HistoryMaxEntries { get; set; } = 10_000;
}
