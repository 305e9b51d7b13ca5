using System.Net;
using System.Text.RegularExpressions;
using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.Requests;
using BlockhostBroker.Grains.WireGuard;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Payloads;
using BlockhostBroker.Protocol.Transactions;

namespace BlockhostBroker.Silo.Config;

/// <summary>
/// Checks the values of a read config: the features' own validators plus the host's rules (addresses, ports,
/// listen addresses, key files). Every message starts with the key it is about; one message per key.
/// </summary>
public static partial class ConfigValidator
{
    private const int MaxPort = 65535;
    private const int MinLoadInterval = 1;
    private const int MaxLoadInterval = 86_400;
    private const string DeployHint = "deploy one with `forge script script/Deploy.s.sol` in contracts-foundry (scripts/up does it on a devnet) or paste its address";

    /// <summary>Every problem; also fills <see cref="RequestWorkflowOptions.OperatorAddress"/> from the operator key when it reads.</summary>
    public static IReadOnlyList<string> Check(BrokerConfig config)
    {
        var problems = new List<string>();
        void Fail(string key, string problem) => problems.Add($"{key}: {problem}");
        CheckPool(config, problems);
        problems.AddRange(WireGuardOptionsValidator.Check(config.WireGuard));
        CheckWireGuardKey(config, Fail);
        if (config.OnChain.Enabled)
            CheckOnChain(config, problems, Fail);
        problems.AddRange(config.Storage.Validate());
        CheckSilo(config, Fail);
        CheckHttp(config, Fail);
        return OnePerKey(problems);
    }

    private static void CheckPool(BrokerConfig config, List<string> problems)
    {
        try
        {
            config.Pool.ToPlan();
        }
        catch (PrefixPoolConfigurationException error)
        {
            problems.Add(error.Message);
        }
    }

    private static void CheckWireGuardKey(BrokerConfig config, Action<string, string> fail)
    {
        var path = config.WireGuard.PrivateKeyFile;
        if (!Path.IsPathFullyQualified(path))
            return; // the WireGuard validator names it
        if (File.Exists(path))
        {
            try { WireGuardKeyFile.ReadPrivateKey(path); }
            catch (WireGuardKeyFileException e) { fail(WireGuardOptions.PrivateKeyFileKey, e.Message); }
        }
        else if (Path.GetDirectoryName(path) is { } directory && !Directory.Exists(directory))
            fail(WireGuardOptions.PrivateKeyFileKey, $"the directory {directory} does not exist; create it (mode 0700) so the key can be generated there on first start");
    }

    private static void CheckOnChain(BrokerConfig config, List<string> problems, Action<string, string> fail)
    {
        CheckAddress(RequestWorkflowOptions.RequestsContractKey, config.Workflow.RequestsContract, required: true, fail);
        CheckAddress(ConfigSchema.KeyPath("onchain", "registry_contract"), config.OnChain.RegistryContract, required: false, fail);
        config.Workflow.OperatorAddress = ReadOperatorAddress(config.Wallet.OperatorKeyFile, fail) ?? "";
        // The wallet's checks come before the workflow's: when the operator key is unusable, the wallet's message
        // (or the one above) names the file, and the workflow's "no operator address" is dropped as a repeat.
        problems.AddRange(WalletOptionsValidator.Check(config.Wallet).Select(NormalizeWalletKey));
        problems.AddRange(RequestWorkflowOptionsValidator.Check(config.Workflow));
        if (config.OnChain.LoadUpdateIntervalSeconds is < MinLoadInterval or > MaxLoadInterval)
            fail(ConfigSchema.KeyPath("onchain", "load_update_interval_seconds"),
                $"{config.OnChain.LoadUpdateIntervalSeconds} is out of range; use {MinLoadInterval}-{MaxLoadInterval} (default 30)");
    }

    private static void CheckAddress(string key, string text, bool required, Action<string, string> fail)
    {
        if (text.Length == 0)
        {
            if (required)
                fail(key, $"is not set; {DeployHint}");
            return;
        }
        if (EthereumAddressText.TryNormalize(text, out _, out var error))
            return;
        var problem = error == PayloadError.BadAddressChecksum
            ? $"\"{text}\" has a wrong EIP-55 checksum (mixed case); copy the address again or write it in lowercase"
            : text.Length == EthereumAddressText.Length && text.AsSpan(2).IndexOfAnyExcept('0') < 0
                ? $"\"{text}\" is the zero address, not a contract — {DeployHint}"
                : $"\"{text}\" is not a 20-byte address (0x and 40 hex digits) — {DeployHint}";
        fail(key, problem);
    }

    private static string? ReadOperatorAddress(string path, Action<string, string> fail)
    {
        const string key = RequestWorkflowOptions.OperatorKeyFileKey;
        if (!Path.IsPathFullyQualified(path))
            return null; // the wallet validator names it
        try
        {
            var secret = KeyFile.ReadEciesKey(path).ExportSecret();
            try { return OfflineTransactionSigner.FromSecret(secret).Address; }
            finally { System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret); }
        }
        catch (KeyFileException e)
        {
            // The message names the file and the problem, never the key.
            fail(key, $"{e.Message}; create one with `blockhost-broker --generate-wallet-key {path}` and fund its address");
            return null;
        }
    }

    private static void CheckSilo(BrokerConfig config, Action<string, string> fail)
    {
        var silo = config.Silo;
        if (!SiloName().IsMatch(silo.Name))
            fail(ConfigSchema.KeyPath("silo", "name"), $"\"{silo.Name}\" is not a silo name; use 1-63 letters, digits, '.', '_' or '-'");
        if (!SiloName().IsMatch(silo.ClusterId))
            fail(ConfigSchema.KeyPath("silo", "cluster_id"), $"\"{silo.ClusterId}\" is not a cluster id; use 1-63 letters, digits, '.', '_' or '-'");
        CheckPort(ConfigSchema.KeyPath("silo", "silo_port"), silo.SiloPort, fail);
        CheckPort(ConfigSchema.KeyPath("silo", "gateway_port"), silo.GatewayPort, fail);
        if (silo.SiloPort == silo.GatewayPort)
            fail(ConfigSchema.KeyPath("silo", "gateway_port"), $"{silo.GatewayPort} is also [silo] silo_port; give each its own port");
        if (!IPAddress.TryParse(silo.AdvertisedAddress, out _))
            fail(ConfigSchema.KeyPath("silo", "advertised_address"), $"\"{silo.AdvertisedAddress}\" is not an IP address; use the address other silos reach this host on");
        var host = config.WireGuard.HostSilo;
        if (host.Length > 0 && host != silo.Name && config.Storage.Kind == Grains.Storage.StoreKind.Sqlite)
            fail(WireGuardOptions.HostSiloKey, $"\"{host}\" names another silo, but the embedded store (sqlite) runs one silo, \"{silo.Name}\"; leave it empty or use [storage] provider = \"postgresql\"");
    }

    private static void CheckPort(string key, int port, Action<string, string> fail)
    {
        if (port is < 1 or > MaxPort)
            fail(key, $"{port} is not a TCP port; use 1-{MaxPort}");
    }

    private static void CheckHttp(BrokerConfig config, Action<string, string> fail)
    {
        var api = CheckListen("api", config.Api, fail);
        var dashboard = config.Dashboard.Enabled ? CheckListen("dashboard", config.Dashboard, fail) : null;
        if (api is not null && dashboard is not null && api.Port == dashboard.Port)
            fail(ConfigSchema.KeyPath("dashboard", "listen"), $"port {dashboard.Port} is also [api] listen's port; give each its own port");
        foreach (var (name, endpoint) in new[] { ("api", api), ("dashboard", dashboard) })
        {
            if (endpoint is not null && (endpoint.Port == config.Silo.SiloPort || endpoint.Port == config.Silo.GatewayPort))
                fail(ConfigSchema.KeyPath(name, "listen"), $"port {endpoint.Port} is also one of the silo's ports ([silo] silo_port, gateway_port)");
        }
    }

    private static ListenAddress? CheckListen(string table, HttpListenSettings settings, Action<string, string> fail)
    {
        var key = ConfigSchema.KeyPath(table, "listen");
        if (!ListenAddress.TryParse(settings.Listen, out var endpoint, out var problem))
        {
            fail(key, $"\"{settings.Listen}\": {problem}");
            return null;
        }
        if (!endpoint!.IsLoopback && !settings.AllowRemote)
        {
            fail(key, $"\"{settings.Listen}\" is not a loopback address, and the {table} has no authentication; keep 127.0.0.1 "
                + $"(reach it through an SSH tunnel), or set [{table}] allow_remote = true to expose it deliberately");
            return null;
        }
        return endpoint;
    }

    // The wallet's validator names keys "onchain.x"; every other message says "[onchain] x".
    private static string NormalizeWalletKey(string message) =>
        message.StartsWith("onchain.", StringComparison.Ordinal) ? "[onchain] " + message["onchain.".Length..] : message;

    // Two features may check one key (the pool and WireGuard both read upstream_prefix): the first message wins.
    private static List<string> OnePerKey(List<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return problems.Where(p => seen.Add(KeyOf(p))).ToList();
    }

    private static string KeyOf(string message)
    {
        var match = KeyPrefix().Match(message);
        return match.Success ? match.Value : message;
    }

    [GeneratedRegex(@"^\[[a-z]+\] [a-z_]+")]
    private static partial Regex KeyPrefix();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,63}$")]
    private static partial Regex SiloName();
}
