namespace BlockhostBroker.Silo.Config;

/// <summary>The TOML type a key must have.</summary>
public enum TomlKind
{
    /// <summary>A string.</summary>
    String,
    /// <summary>An integer that fits a 32-bit int.</summary>
    Int,
    /// <summary>An integer that fits a 64-bit long.</summary>
    Long,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>An integer or a float (read as decimal).</summary>
    Number,
}

/// <summary>One known key: its table, name, type, whether it must be present, and where its value goes.</summary>
/// <param name="Table">The TOML table, e.g. "onchain".</param>
/// <param name="Name">The key inside the table.</param>
/// <param name="Kind">The TOML type it must have.</param>
/// <param name="Apply">Stores the (type-checked) value into the config.</param>
/// <param name="Example">An example assignment, shown when the key is missing or has the wrong type.</param>
/// <param name="Required">True when the key must be present.</param>
public sealed record ConfigKey(string Table, string Name, TomlKind Kind, Action<BrokerConfig, object> Apply, string Example, bool Required = false)
{
    /// <summary>How messages name the key: "[table] name".</summary>
    public string Path => ConfigSchema.KeyPath(Table, Name);
}

/// <summary>The one table of every config key; reading, unknown-key detection and the example file's test all use it.</summary>
public static partial class ConfigSchema
{
    /// <summary>"[table] name", the form every message uses.</summary>
    public static string KeyPath(string table, string name) => $"[{table}] {name}";

    /// <summary>Every known table, in the order config.example.toml lists them.</summary>
    public static IReadOnlyList<string> Tables { get; } = ["broker", "wireguard", "onchain", "storage", "silo", "dashboard", "api"];

    /// <summary>Every known key.</summary>
    public static IReadOnlyList<ConfigKey> Keys { get; } = [.. BrokerKeys(), .. WireGuardKeys(), .. OnChainKeys(), .. WalletKeys(), .. HostKeys()];

    /// <summary>The key, or null when the table has no such key.</summary>
    public static ConfigKey? Find(string table, string name) => Keys.FirstOrDefault(k => k.Table == table && k.Name == name);

    private static string S(object v) => (string)v;
    private static int I(object v) => (int)v;
    private static long L(object v) => (long)v;
    private static bool B(object v) => (bool)v;
    private static decimal D(object v) => (decimal)v;

    private static IEnumerable<ConfigKey> BrokerKeys() =>
    [
        new("broker", "upstream_prefix", TomlKind.String, (c, v) => c.Pool.UpstreamPrefix = c.WireGuard.UpstreamPrefix = S(v),
            "upstream_prefix = \"2001:db8:f04::/48\"", Required: true),
        new("broker", "allocation_size", TomlKind.Int, (c, v) => c.Pool.AllocationSize = I(v), "allocation_size = 120"),
    ];

    private static IEnumerable<ConfigKey> WireGuardKeys() =>
    [
        new("wireguard", "interface", TomlKind.String, (c, v) => c.WireGuard.Interface = c.Workflow.WireGuardInterface = S(v), "interface = \"wg-broker\""),
        new("wireguard", "listen_port", TomlKind.Int, (c, v) => c.WireGuard.ListenPort = I(v), "listen_port = 51820"),
        new("wireguard", "public_endpoint", TomlKind.String, (c, v) => c.WireGuard.PublicEndpoint = S(v),
            "public_endpoint = \"203.0.113.10:51820\"", Required: true),
        new("wireguard", "private_key_file", TomlKind.String, (c, v) => c.WireGuard.PrivateKeyFile = S(v), "private_key_file = \"/etc/blockhost-broker/wg.key\""),
        new("wireguard", "gateway_address", TomlKind.String, (c, v) => c.WireGuard.GatewayAddress = S(v), "gateway_address = \"2001:db8:f04::1\""),
        new("wireguard", "network_namespace", TomlKind.String, (c, v) => c.WireGuard.NetworkNamespace = S(v), "network_namespace = \"\""),
        new("wireguard", "config_directory", TomlKind.String, (c, v) => c.WireGuard.ConfigDirectory = S(v), "config_directory = \"/etc/wireguard\""),
        new("wireguard", "host_silo", TomlKind.String, (c, v) => c.WireGuard.HostSilo = S(v), "host_silo = \"\""),
        new("wireguard", "reconcile_interval_seconds", TomlKind.Int, (c, v) => c.WireGuard.ReconcileInterval = TimeSpan.FromSeconds(I(v)),
            "reconcile_interval_seconds = 60"),
    ];

    private static IEnumerable<ConfigKey> OnChainKeys() =>
    [
        new("onchain", "enabled", TomlKind.Boolean, (c, v) => c.OnChain.Enabled = B(v), "enabled = true"),
        new("onchain", "rpc_url", TomlKind.String, (c, v) => c.Wallet.RpcUrl = c.Workflow.RpcUrl = S(v), "rpc_url = \"http://127.0.0.1:8545\""),
        new("onchain", "chain_id", TomlKind.Long, (c, v) => c.Wallet.ChainId = c.Workflow.ChainId = L(v), "chain_id = 31337"),
        new("onchain", "requests_contract", TomlKind.String, (c, v) => c.Workflow.RequestsContract = S(v),
            "requests_contract = \"0x5FbDB2315678afecb367f032d93F642f64180aa3\""),
        new("onchain", "registry_contract", TomlKind.String, (c, v) => c.OnChain.RegistryContract = S(v),
            "registry_contract = \"0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512\""),
        new("onchain", "ecies_key_file", TomlKind.String, (c, v) => c.Workflow.EciesKeyFile = S(v), "ecies_key_file = \"/etc/blockhost-broker/ecies.key\""),
        new("onchain", "operator_key_file", TomlKind.String, (c, v) => c.Wallet.OperatorKeyFile = S(v), "operator_key_file = \"/etc/blockhost-broker/operator.key\""),
        new("onchain", "confirmations", TomlKind.Int, (c, v) => c.Workflow.Confirmations = I(v), "confirmations = 1"),
        new("onchain", "poll_interval_ms", TomlKind.Int, (c, v) => c.Wallet.PollInterval = c.Workflow.PollInterval = TimeSpan.FromMilliseconds(I(v)),
            "poll_interval_ms = 1000"),
        new("onchain", "max_block_range", TomlKind.Int, (c, v) => c.Workflow.MaxBlockRange = I(v), "max_block_range = 2000"),
        new("onchain", "start_block", TomlKind.Long, (c, v) => c.Workflow.StartBlock = L(v), "start_block = 0"),
        new("onchain", "rpc_timeout_ms", TomlKind.Int, (c, v) => c.Workflow.RpcTimeout = TimeSpan.FromMilliseconds(I(v)), "rpc_timeout_ms = 10000"),
        new("onchain", "load_update_interval_seconds", TomlKind.Int, (c, v) => c.OnChain.LoadUpdateIntervalSeconds = I(v), "load_update_interval_seconds = 30"),
    ];

    private static IEnumerable<ConfigKey> WalletKeys() =>
    [
        new("onchain", "replace_after_blocks", TomlKind.Int, (c, v) => c.Wallet.ReplaceAfterBlocks = I(v), "replace_after_blocks = 3"),
        new("onchain", "fee_bump_percent", TomlKind.Number, (c, v) => c.Wallet.FeeBumpPercent = D(v), "fee_bump_percent = 12.5"),
        new("onchain", "rejection_gas_budget_per_hour", TomlKind.Long, (c, v) => c.Wallet.RejectionGasBudgetPerHour = L(v), "rejection_gas_budget_per_hour = 5000000"),
        new("onchain", "rejections_per_requester_per_hour", TomlKind.Int, (c, v) => c.Wallet.RejectionsPerRequesterPerHour = I(v), "rejections_per_requester_per_hour = 5"),
        new("onchain", "max_in_flight", TomlKind.Int, (c, v) => c.Wallet.MaxInFlight = I(v), "max_in_flight = 256"),
        new("onchain", "legacy_transactions", TomlKind.Boolean, (c, v) => c.Wallet.LegacyTransactions = B(v), "legacy_transactions = false"),
        new("onchain", "priority_fee_percentile", TomlKind.Int, (c, v) => c.Wallet.PriorityFeePercentile = I(v), "priority_fee_percentile = 50"),
        new("onchain", "min_priority_fee_gwei", TomlKind.Number, (c, v) => c.Wallet.MinPriorityFeeGwei = D(v), "min_priority_fee_gwei = 0.1"),
        new("onchain", "max_fee_per_gas_gwei", TomlKind.Number, (c, v) => c.Wallet.MaxFeePerGasGwei = D(v), "max_fee_per_gas_gwei = 500"),
        new("onchain", "wallet_history_hours", TomlKind.Int, (c, v) => c.Wallet.HistoryRetention = TimeSpan.FromHours(I(v)), "wallet_history_hours = 24"),
        new("onchain", "wallet_history_max_entries", TomlKind.Int, (c, v) => c.Wallet.HistoryMaxEntries = I(v), "wallet_history_max_entries = 10000"),
    ];

    private static IEnumerable<ConfigKey> HostKeys() =>
    [
        new("storage", "provider", TomlKind.String, (c, v) => c.Storage.Provider = S(v), "provider = \"sqlite\""),
        new("storage", "sqlite_path", TomlKind.String, (c, v) => c.Storage.SqlitePath = S(v), "sqlite_path = \"/var/lib/blockhost-broker/broker.db\""),
        new("storage", "postgresql_connection", TomlKind.String, (c, v) => c.Storage.PostgreSqlConnection = S(v),
            "postgresql_connection = \"Host=db.internal;Database=broker;Username=broker;Password=...\""),
        new("silo", "name", TomlKind.String, (c, v) => c.Silo.Name = S(v), "name = \"broker-1\""),
        new("silo", "cluster_id", TomlKind.String, (c, v) => c.Silo.ClusterId = S(v), "cluster_id = \"blockhost-broker\""),
        new("silo", "silo_port", TomlKind.Int, (c, v) => c.Silo.SiloPort = I(v), "silo_port = 11111"),
        new("silo", "gateway_port", TomlKind.Int, (c, v) => c.Silo.GatewayPort = I(v), "gateway_port = 30000"),
        new("silo", "advertised_address", TomlKind.String, (c, v) => c.Silo.AdvertisedAddress = S(v), "advertised_address = \"127.0.0.1\""),
        new("dashboard", "enabled", TomlKind.Boolean, (c, v) => c.Dashboard.Enabled = B(v), "enabled = true"),
        new("dashboard", "listen", TomlKind.String, (c, v) => c.Dashboard.Listen = S(v), "listen = \"127.0.0.1:8080\""),
        new("dashboard", "allow_remote", TomlKind.Boolean, (c, v) => c.Dashboard.AllowRemote = B(v), "allow_remote = false"),
        new("api", "listen", TomlKind.String, (c, v) => c.Api.Listen = S(v), "listen = \"127.0.0.1:8081\""),
        new("api", "allow_remote", TomlKind.Boolean, (c, v) => c.Api.AllowRemote = B(v), "allow_remote = false"),
    ];
}
