using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Payloads;
using Microsoft.Extensions.Options;
using O = BlockhostBroker.Grains.Requests.RequestWorkflowOptions;

namespace BlockhostBroker.Grains.Requests;

/// <summary>Checks <see cref="RequestWorkflowOptions"/> at start-up; every failure names the config key and the fix.</summary>
public sealed class RequestWorkflowOptionsValidator : IValidateOptions<O>
{
    private const int MaxConfirmations = 1000;
    private const int MaxInterfaceNameLength = 15;
    private static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxPollInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxRpcTimeout = TimeSpan.FromMinutes(2);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, O options)
    {
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every failure.</summary>
    public static void EnsureValid(O options)
    {
        var failures = Check(options);
        if (failures.Count > 0)
            throw new OptionsValidationException(nameof(RequestWorkflowOptions), typeof(O), failures);
    }

    /// <summary>Every problem with the options, each naming its config key; empty when they are valid.</summary>
    public static List<string> Check(O o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var failures = new List<string>();
        void Fail(string key, string problem) => failures.Add($"{key}: {problem}");

        if (!Uri.TryCreate(o.RpcUrl, UriKind.Absolute, out var rpc) || rpc.Scheme is not ("http" or "https"))
            Fail(O.RpcUrlKey, $"'{o.RpcUrl}' is not an http(s) URL; use the node's JSON-RPC endpoint, e.g. http://127.0.0.1:8545");
        if (o.ChainId <= 0)
            Fail(O.ChainIdKey, $"{o.ChainId} is not a chain id; use the chain's positive id (1 mainnet, 31337 anvil)");
        if (!IsContractAddress(o.RequestsContract))
            Fail(O.RequestsContractKey, $"'{o.RequestsContract}' is not a contract address; deploy BrokerRequests (scripts/deploy) and set its 0x address");
        if (!IsContractAddress(o.OperatorAddress))
            Fail(O.OperatorKeyFileKey, $"the operator address '{o.OperatorAddress}' is not an address; point the key at the operator's secp256k1 secret");
        CheckEciesKey(o.EciesKeyFile, Fail);
        if (o.Confirmations is < 0 or > MaxConfirmations)
            Fail(O.ConfirmationsKey, $"{o.Confirmations} is out of range; use 0-{MaxConfirmations} (default 1)");
        if (o.PollInterval < MinPollInterval || o.PollInterval > MaxPollInterval)
            Fail(O.PollIntervalKey, $"{o.PollInterval.TotalMilliseconds} is out of range; use {MinPollInterval.TotalMilliseconds}-{MaxPollInterval.TotalMilliseconds} (default 1000)");
        if (o.MaxBlockRange is < 1 or > O.DefaultMaxBlockRange)
            Fail(O.MaxBlockRangeKey, $"{o.MaxBlockRange} is out of range; use 1-{O.DefaultMaxBlockRange} (many nodes refuse wider eth_getLogs ranges)");
        if (o.StartBlock < 0)
            Fail(O.StartBlockKey, $"{o.StartBlock} is negative; use the block the requests contract was deployed in, or leave it out");
        if (o.RpcTimeout <= TimeSpan.Zero || o.RpcTimeout > MaxRpcTimeout)
            Fail(O.RpcTimeoutKey, $"{o.RpcTimeout.TotalMilliseconds} is out of range; use 1-{MaxRpcTimeout.TotalMilliseconds} (default 10000)");
        if (string.IsNullOrWhiteSpace(o.WireGuardInterface) || o.WireGuardInterface.Length > MaxInterfaceNameLength)
            Fail(O.WireGuardInterfaceKey, $"'{o.WireGuardInterface}' is not an interface name; use 1-{MaxInterfaceNameLength} characters, e.g. wg-broker");
        return failures;
    }

    private static bool IsContractAddress(string? text) =>
        EthereumAddressText.TryNormalize(text?.ToLowerInvariant(), out _, out _);

    private static void CheckEciesKey(string path, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
        {
            fail(O.EciesKeyFileKey, $"'{path}' must be an absolute path to a one-line hex secret (mode 0600), e.g. /etc/blockhost-broker/ecies.key");
            return;
        }
        try
        {
            KeyFile.ReadEciesKey(path);
        }
        catch (KeyFileException e)
        {
            // The exception names the file and the problem, never the key's content.
            fail(O.EciesKeyFileKey, $"{e.Message}; create one with `blockhost-broker --generate-ecies-key {path}`");
        }
    }
}
