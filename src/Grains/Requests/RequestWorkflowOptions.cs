namespace BlockhostBroker.Grains.Requests;

/// <summary>
/// The request workflow's settings: which requests contract on which chain, the broker's ECIES key, how the chain
/// is watched, and which wallet and WireGuard gateway serve the answers. Bound from [onchain] and [wireguard];
/// <see cref="RequestWorkflowOptionsValidator"/> names the config key of every problem.
/// </summary>
public sealed class RequestWorkflowOptions
{
    /// <summary>Config key of <see cref="RpcUrl"/>.</summary>
    public const string RpcUrlKey = "[onchain] rpc_url";
    /// <summary>Config key of <see cref="ChainId"/>.</summary>
    public const string ChainIdKey = "[onchain] chain_id";
    /// <summary>Config key of <see cref="RequestsContract"/>.</summary>
    public const string RequestsContractKey = "[onchain] requests_contract";
    /// <summary>Config key of <see cref="EciesKeyFile"/>.</summary>
    public const string EciesKeyFileKey = "[onchain] ecies_key_file";
    /// <summary>Config key of <see cref="OperatorAddress"/>'s source.</summary>
    public const string OperatorKeyFileKey = "[onchain] operator_key_file";
    /// <summary>Config key of <see cref="Confirmations"/>.</summary>
    public const string ConfirmationsKey = "[onchain] confirmations";
    /// <summary>Config key of <see cref="PollInterval"/>.</summary>
    public const string PollIntervalKey = "[onchain] poll_interval_ms";
    /// <summary>Config key of <see cref="MaxBlockRange"/>.</summary>
    public const string MaxBlockRangeKey = "[onchain] max_block_range";
    /// <summary>Config key of <see cref="StartBlock"/>.</summary>
    public const string StartBlockKey = "[onchain] start_block";
    /// <summary>Config key of <see cref="RpcTimeout"/>.</summary>
    public const string RpcTimeoutKey = "[onchain] rpc_timeout_ms";
    /// <summary>Config key of <see cref="WireGuardInterface"/>.</summary>
    public const string WireGuardInterfaceKey = "[wireguard] interface";

    /// <summary>The default and largest block range of one eth_getLogs call.</summary>
    public const int DefaultMaxBlockRange = 2000;

    /// <summary>JSON-RPC endpoint of the chain.</summary>
    public string RpcUrl { get; set; } = "http://127.0.0.1:8545";

    /// <summary>The chain id; part of every grain key.</summary>
    public long ChainId { get; set; } = 31337;

    /// <summary>This broker's BrokerRequests contract.</summary>
    public string RequestsContract { get; set; } = "";

    /// <summary>The broker's ECIES secret: one hex line, mode 0600.</summary>
    public string EciesKeyFile { get; set; } = "/etc/blockhost-broker/ecies.key";

    /// <summary>The operator's address (derived by the host from [onchain] operator_key_file); keys the wallet grain.</summary>
    public string OperatorAddress { get; set; } = "";

    /// <summary>Blocks a RequestSubmitted log must be buried under before it is acted on (0 = the head itself).</summary>
    public int Confirmations { get; set; } = 1;

    /// <summary>How often the watcher polls the chain, and how often a request checks its transaction.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest block range one eth_getLogs call asks for.</summary>
    public int MaxBlockRange { get; set; } = DefaultMaxBlockRange;

    /// <summary>The first block to read logs from when the watcher has no cursor yet; null starts at the safe head (earlier requests come from getPendingRequests).</summary>
    public long? StartBlock { get; set; }

    /// <summary>Deadline of one JSON-RPC call.</summary>
    public TimeSpan RpcTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The WireGuard gateway interface whose grain applies peers and whose key and endpoint go into responses.</summary>
    public string WireGuardInterface { get; set; } = "wg-broker";

    /// <summary>The watcher grain's key, "chainId:contract".</summary>
    public ContractKey WatcherKey => new(ChainId, RequestsContract);

    /// <summary>The operator wallet grain's key, "chainId:operatorAddress".</summary>
    public string WalletKey => Chain.WalletKey.For(ChainId, OperatorAddress).ToString();
}
