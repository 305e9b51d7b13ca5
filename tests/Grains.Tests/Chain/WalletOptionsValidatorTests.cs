using BlockhostBroker.Grains.Chain;
using Microsoft.Extensions.Options;

namespace BlockhostBroker.Grains.Tests.Chain;

public sealed class WalletOptionsValidatorTests
{
    private static WalletOptions Valid() => new() { OperatorKeyFile = "/etc/blockhost-broker/operator.key" };

    [Fact]
    public void Check_Defaults_HaveNoFailures() => Assert.Empty(WalletOptionsValidator.Check(Valid()));

    public static TheoryData<Action<WalletOptions>, string> BadSettings => new()
    {
        { o => o.RpcUrl = "127.0.0.1:8545", "onchain.rpc_url" },
        { o => o.RpcUrl = "ftp://node", "onchain.rpc_url" },
        { o => o.ChainId = 0, "onchain.chain_id" },
        { o => o.OperatorKeyFile = "operator.key", "onchain.operator_key_file" },
        { o => o.ReplaceAfterBlocks = 0, "onchain.replace_after_blocks" },
        { o => o.FeeBumpPercent = 10m, "onchain.fee_bump_percent" },
        { o => o.RejectionGasBudgetPerHour = -1, "onchain.rejection_gas_budget_per_hour" },
        { o => o.RejectionsPerRequesterPerHour = -1, "onchain.rejections_per_requester_per_hour" },
        { o => o.MaxInFlight = 0, "onchain.max_in_flight" },
        { o => o.PollInterval = TimeSpan.Zero, "onchain.poll_interval_ms" },
        { o => o.RpcTimeout = TimeSpan.FromSeconds(30), "onchain.rpc_timeout_ms" },
        { o => o.PriorityFeePercentile = 101, "onchain.priority_fee_percentile" },
        { o => o.MinPriorityFeeGwei = -1m, "onchain.min_priority_fee_gwei" },
        { o => o.MinPriorityFeeGwei = 0.0000000001m, "onchain.min_priority_fee_gwei" },
        { o => o.MaxFeePerGasGwei = 0m, "onchain.max_fee_per_gas_gwei" },
        { o => o.HistoryRetention = TimeSpan.FromMinutes(5), "onchain.wallet_history_hours" },
        { o => o.HistoryMaxEntries = 0, "onchain.wallet_history_max_entries" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Check_BadSetting_FailureNamesTheConfigKey(Action<WalletOptions> spoil, string key)
    {
        var options = Valid();
        spoil(options);

        var failure = Assert.Single(WalletOptionsValidator.Check(options));

        Assert.StartsWith(key + ":", failure);
    }

    [Fact]
    public void EnsureValid_BadOptions_ThrowsOptionsValidationExceptionListingEveryFailure()
    {
        var options = Valid();
        options.ChainId = -1;
        options.FeeBumpPercent = 5m;

        var error = Assert.Throws<OptionsValidationException>(() => WalletOptionsValidator.EnsureValid(options));

        Assert.Equal(2, error.Failures.Count());
    }
}
