using Microsoft.Extensions.Options;

namespace BlockhostBroker.Grains.Chain;

/// <summary>Checks <see cref="WalletOptions"/> at start-up; every failure names the config key and the fix.</summary>
public sealed class WalletOptionsValidator : IValidateOptions<WalletOptions>
{
    private const int MaxReplaceAfterBlocks = 1000;
    private const decimal MaxFeeBumpPercent = 1000m;
    private const int MaxInFlightLimit = 10_000;
    private static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxPollInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinRpcTimeout = TimeSpan.FromMilliseconds(100);
    // A Submit makes a few calls in a row; each must end well inside Orleans' 30 s grain-call timeout.
    private static readonly TimeSpan MaxRpcTimeout = TimeSpan.FromSeconds(25);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WalletOptions options)
    {
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every failure.</summary>
    public static void EnsureValid(WalletOptions options)
    {
        var failures = Check(options);
        if (failures.Count > 0)
            throw new OptionsValidationException("onchain", typeof(WalletOptions), failures);
    }

    /// <summary>Every problem with the options, each naming its config key; empty when they are valid.</summary>
    public static List<string> Check(WalletOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var failures = new List<string>();
        void Fail(string key, string problem) => failures.Add($"onchain.{key}: {problem}");

        if (!Uri.TryCreate(o.RpcUrl, UriKind.Absolute, out var rpc) || rpc.Scheme is not ("http" or "https"))
            Fail("rpc_url", $"'{o.RpcUrl}' is not an http(s) URL; use the node's JSON-RPC endpoint, e.g. http://127.0.0.1:8545");
        if (o.ChainId <= 0)
            Fail("chain_id", $"{o.ChainId} is not a chain id; use the chain's positive id (1 mainnet, 31337 anvil)");
        if (!Path.IsPathFullyQualified(o.OperatorKeyFile))
            Fail("operator_key_file", $"'{o.OperatorKeyFile}' must be an absolute path to a one-line hex secret (mode 0600), e.g. /etc/blockhost-broker/operator.key");
        if (o.ReplaceAfterBlocks is < 1 or > MaxReplaceAfterBlocks)
            Fail("replace_after_blocks", $"{o.ReplaceAfterBlocks} is out of range; use 1-{MaxReplaceAfterBlocks} (default 3)");
        if (o.FeeBumpPercent is < WalletOptions.MinFeeBumpPercent or > MaxFeeBumpPercent)
            Fail("fee_bump_percent", $"{o.FeeBumpPercent} is out of range; nodes refuse replacements raised by less than {WalletOptions.MinFeeBumpPercent}, so use {WalletOptions.MinFeeBumpPercent}-{MaxFeeBumpPercent}");
        if (o.RejectionGasBudgetPerHour < 0)
            Fail("rejection_gas_budget_per_hour", $"{o.RejectionGasBudgetPerHour} is negative; use 0 for no limit or a gas amount such as 5000000");
        if (o.RejectionsPerRequesterPerHour < 0)
            Fail("rejections_per_requester_per_hour", $"{o.RejectionsPerRequesterPerHour} is negative; use 0 for no limit or a count such as 5");
        if (o.MaxInFlight is < 1 or > MaxInFlightLimit)
            Fail("max_in_flight", $"{o.MaxInFlight} is out of range; use 1-{MaxInFlightLimit} (default 256)");
        if (o.PollInterval < MinPollInterval || o.PollInterval > MaxPollInterval)
            Fail("poll_interval_ms", $"{o.PollInterval.TotalMilliseconds} is out of range; use {MinPollInterval.TotalMilliseconds}-{MaxPollInterval.TotalMilliseconds} (default 1000)");
        if (o.RpcTimeout < MinRpcTimeout || o.RpcTimeout > MaxRpcTimeout)
            Fail("rpc_timeout_ms", $"{o.RpcTimeout.TotalMilliseconds} is out of range; use {MinRpcTimeout.TotalMilliseconds}-{MaxRpcTimeout.TotalMilliseconds} (default 10000)");
        CheckFees(o, Fail);
        CheckHistory(o, Fail);
        return failures;
    }

    private static void CheckFees(WalletOptions o, Action<string, string> fail)
    {
        if (o.PriorityFeePercentile is < 0 or > 100)
            fail("priority_fee_percentile", $"{o.PriorityFeePercentile} is not a percentile; use 0-100 (default 50)");
        if (o.MinPriorityFeeGwei < 0)
            fail("min_priority_fee_gwei", $"{o.MinPriorityFeeGwei} is negative; use 0 or more (default 0.1)");
        if (o.MaxFeePerGasGwei <= 0 || o.MaxFeePerGasGwei < o.MinPriorityFeeGwei)
            fail("max_fee_per_gas_gwei", $"{o.MaxFeePerGasGwei} must be positive and at least onchain.min_priority_fee_gwei ({o.MinPriorityFeeGwei}); default 500");
        if (decimal.Round(o.MinPriorityFeeGwei, WalletMath.GweiDecimals) != o.MinPriorityFeeGwei)
            fail("min_priority_fee_gwei", $"{o.MinPriorityFeeGwei} has more than {WalletMath.GweiDecimals} decimals (finer than 1 wei)");
        if (decimal.Round(o.MaxFeePerGasGwei, WalletMath.GweiDecimals) != o.MaxFeePerGasGwei)
            fail("max_fee_per_gas_gwei", $"{o.MaxFeePerGasGwei} has more than {WalletMath.GweiDecimals} decimals (finer than 1 wei)");
    }

    private static void CheckHistory(WalletOptions o, Action<string, string> fail)
    {
        if (o.HistoryRetention < TimeSpan.FromHours(1))
            fail("wallet_history_hours", $"{o.HistoryRetention.TotalHours} is too short for requests to read their outcome; use at least 1 (default 24)");
        if (o.HistoryMaxEntries < 1)
            fail("wallet_history_max_entries", $"{o.HistoryMaxEntries} must be at least 1 (default 10000)");
    }
}
