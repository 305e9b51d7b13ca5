using System.Globalization;
using System.Text;
using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.TestSupport.Broker;

/// <summary>
/// What one blockhost-broker process runs with, rendered as its TOML config. The defaults make a fast single silo on
/// SQLite; set <see cref="PostgresConnection"/>, <see cref="SiloName"/> and <see cref="HostSilo"/> for a fleet member.
/// Keys and files live in <see cref="Directory"/>; ports are free loopback ports picked when the record is made.
/// </summary>
public sealed record BrokerDaemonConfig
{
    /// <summary>The folder for keys, the SQLite file and the wg-quick file (shared by silos of one fleet on purpose).</summary>
    public required string Directory { get; init; }

    /// <summary>The chain and its contracts.</summary>
    public required BrokerChain Chain { get; init; }

    /// <summary>The upstream prefix allocations come from (a /112 leaves 255 /120s).</summary>
    public string UpstreamPrefix { get; init; } = "2001:db8:5110::/112";

    /// <summary>The WireGuard interface (wireguard-go) the broker keeps its peers on.</summary>
    public required string Interface { get; init; }

    /// <summary>The network namespace holding the interface.</summary>
    public required string Namespace { get; init; }

    /// <summary>What responses tell servers to dial.</summary>
    public string PublicEndpoint { get; init; } = "[fd00:5110::1]:51820";

    /// <summary>The interface's UDP port.</summary>
    public int ListenPort { get; init; } = 51820;

    /// <summary>Blocks a request log must be buried under.</summary>
    public int Confirmations { get; init; } = 1;

    /// <summary>Chain poll interval.</summary>
    public int PollIntervalMs { get; init; } = 200;

    /// <summary>Rejections per requester per hour (0 = no limit, which the fault and fuzz suites need).</summary>
    public int RejectionsPerRequesterPerHour { get; init; }

    /// <summary>Rejection gas per hour (0 = no limit).</summary>
    public long RejectionGasBudgetPerHour { get; init; }

    /// <summary>Registry currentLoad update interval.</summary>
    public int LoadUpdateIntervalSeconds { get; init; } = 1;

    /// <summary>The Npgsql connection string; null runs on the SQLite file in <see cref="Directory"/>.</summary>
    public string? PostgresConnection { get; init; }

    /// <summary>This silo's name (unique in a fleet).</summary>
    public string SiloName { get; init; } = "silo-test";

    /// <summary>The silo that holds the interface ("" = this one).</summary>
    public string HostSilo { get; init; } = "";

    /// <summary>The fleet's cluster id.</summary>
    public string ClusterId { get; init; } = "blockhost-broker-test";

    /// <summary>Orleans silo-to-silo port.</summary>
    public int SiloPort { get; init; } = FreePort.Next();

    /// <summary>Orleans gateway port.</summary>
    public int GatewayPort { get; init; } = FreePort.Next();

    /// <summary>The status API's port on 127.0.0.1.</summary>
    public int ApiPort { get; init; } = FreePort.Next();

    /// <summary>The dashboard's port on 127.0.0.1.</summary>
    public int DashboardPort { get; init; } = FreePort.Next();

    /// <summary>Extra TOML appended under the tables (e.g. "[onchain]" overrides are not allowed twice: use the properties).</summary>
    public string ExtraToml { get; init; } = "";

    /// <summary>The broker's ECIES key file.</summary>
    public string EciesKeyFile => Path.Combine(Directory, "ecies.key");

    /// <summary>The operator's key file.</summary>
    public string OperatorKeyFile => Path.Combine(Directory, "operator.key");

    /// <summary>The config file's path for this silo.</summary>
    public string ConfigPath => Path.Combine(Directory, $"{SiloName}.toml");

    /// <summary>The config as TOML.</summary>
    public string Render()
    {
        var inv = CultureInfo.InvariantCulture;
        var storage = PostgresConnection is null
            ? $"""
               provider = "sqlite"
               sqlite_path = "{Path.Combine(Directory, "broker.db")}"
               """
            : $"""
               provider = "postgresql"
               postgresql_connection = "{PostgresConnection}"
               """;
        var text = new StringBuilder(string.Create(inv, $"""
            [broker]
            upstream_prefix = "{UpstreamPrefix}"

            [wireguard]
            interface = "{Interface}"
            listen_port = {ListenPort}
            public_endpoint = "{PublicEndpoint}"
            private_key_file = "{Path.Combine(Directory, "wg.key")}"
            network_namespace = "{Namespace}"
            config_directory = "{Directory}"
            host_silo = "{HostSilo}"

            [onchain]
            rpc_url = "{Chain.RpcUrl}"
            chain_id = {Chain.ChainId}
            requests_contract = "{Chain.Contracts.BrokerRequests}"
            registry_contract = "{Chain.Contracts.BrokerRegistry}"
            ecies_key_file = "{EciesKeyFile}"
            operator_key_file = "{OperatorKeyFile}"
            confirmations = {Confirmations}
            poll_interval_ms = {PollIntervalMs}
            rejections_per_requester_per_hour = {RejectionsPerRequesterPerHour}
            rejection_gas_budget_per_hour = {RejectionGasBudgetPerHour}
            load_update_interval_seconds = {LoadUpdateIntervalSeconds}

            [storage]
            {storage}

            [silo]
            name = "{SiloName}"
            cluster_id = "{ClusterId}"
            silo_port = {SiloPort}
            gateway_port = {GatewayPort}

            [dashboard]
            listen = "127.0.0.1:{DashboardPort}"

            [api]
            listen = "127.0.0.1:{ApiPort}"

            """));
        text.Append(ExtraToml);
        return text.ToString();
    }
}
