using System.Numerics;
using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Protocol.Rpc;

namespace BlockhostBroker.Grains.Tests.Chain;

public sealed class WalletMathTests
{
    private static readonly BigInteger Gwei = 1_000_000_000;
    private static readonly BigInteger NoCap = Gwei * 1_000_000;

    private static FeeHistory History(BigInteger nextBaseFee, params BigInteger[] tips) =>
        new(100, [nextBaseFee, nextBaseFee], [0.5], [.. tips.Select(t => (IReadOnlyList<BigInteger>)[t])]);

    [Fact]
    public void MarketFees_TwoNextBaseFeesPlusMedianTip()
    {
        var fees = WalletMath.MarketFees(History(10 * Gwei, 1 * Gwei, 3 * Gwei, 2 * Gwei), minTip: 0, NoCap);

        Assert.Equal(new TxFees(22 * Gwei, 2 * Gwei), fees);
    }

    [Fact]
    public void MarketFees_RecentBlocksPaidNoTip_UsesMinimumTip()
    {
        var fees = WalletMath.MarketFees(History(Gwei, 0, 0), minTip: Gwei / 10, NoCap);

        Assert.Equal(new TxFees(2 * Gwei + Gwei / 10, Gwei / 10), fees);
    }

    [Fact]
    public void MarketFees_AboveCap_StopsBothFeesAtCap()
    {
        var fees = WalletMath.MarketFees(History(100 * Gwei, 300 * Gwei), 0, cap: 150 * Gwei);

        Assert.Equal(new TxFees(150 * Gwei, 150 * Gwei), fees);
    }

    [Fact]
    public void LegacyFees_BelowMinimum_UsesMinimumInBothFields() =>
        Assert.Equal(TxFees.Legacy(5), WalletMath.LegacyFees(nodeGasPrice: 3, minTip: 5, NoCap));

    [Theory]
    [InlineData(1000, 12.5, 1125)]
    [InlineData(1001, 12.5, 1127)] // 1126.125 rounds up
    [InlineData(1, 12.5, 2)]       // never less than one wei more
    [InlineData(0, 12.5, 1)]
    [InlineData(2000, 100, 4000)]
    public void Bump_RaisesByPercentRoundingUp(long fee, double percent, long expected) =>
        Assert.Equal(new BigInteger(expected), WalletMath.Bump(fee, (decimal)percent));

    [Fact]
    public void Replacement_MarketBelowBump_BumpsBothFields()
    {
        var previous = new TxFees(20 * Gwei, 2 * Gwei);

        var next = WalletMath.Replacement(previous, market: new TxFees(10 * Gwei, Gwei), 12.5m, NoCap);

        Assert.Equal(new TxFees(22_500_000_000, 2_250_000_000), next);
    }

    [Fact]
    public void Replacement_MarketAboveBump_TakesMarket()
    {
        var next = WalletMath.Replacement(new TxFees(20 * Gwei, 2 * Gwei), new TxFees(50 * Gwei, 5 * Gwei), 12.5m, NoCap);

        Assert.Equal(new TxFees(50 * Gwei, 5 * Gwei), next);
    }

    [Fact]
    public void Replacement_CapBelowRequiredBump_IsNull() =>
        Assert.Null(WalletMath.Replacement(new TxFees(100 * Gwei, Gwei), new TxFees(Gwei, Gwei), 12.5m, cap: 110 * Gwei));

    [Fact]
    public void Replacement_LegacyFees_StayEqual()
    {
        var next = WalletMath.Replacement(TxFees.Legacy(8 * Gwei), TxFees.Legacy(Gwei), 12.5m, NoCap);

        Assert.Equal(TxFees.Legacy(9 * Gwei), next);
    }

    [Theory]
    [InlineData(21_000, 25_200)]
    [InlineData(100_001, 120_002)] // 120001.2 rounds up
    public void GasLimit_AddsMarginRoundingUp(long estimate, long expected) =>
        Assert.Equal(expected, WalletMath.GasLimit(estimate));

    [Theory]
    [InlineData(12, 10, 3, false)]
    [InlineData(13, 10, 3, true)]
    [InlineData(20, 10, 3, true)]
    public void IsStuck_AfterReplaceAfterBlocks_IsTrue(long head, long sentAt, int after, bool expected) =>
        Assert.Equal(expected, WalletMath.IsStuck(head, sentAt, after));

    [Theory]
    [InlineData(7, 5, 7)]
    [InlineData(7, 9, 9)]
    public void NextNonce_IsTheHigherOfStoredAndNodePending(long stored, long pending, long expected) =>
        Assert.Equal(expected, WalletMath.NextNonce(stored, pending));

    [Theory]
    [InlineData(4, 5, true)]
    [InlineData(5, 5, false)]
    public void IsNonceUsed_BelowLatestCount_IsTrue(long nonce, long latestCount, bool expected) =>
        Assert.Equal(expected, WalletMath.IsNonceUsed(nonce, latestCount));

    [Theory]
    [InlineData("0.1", "100000000")]
    [InlineData("500", "500000000000")]
    [InlineData("0.000000001", "1")]
    public void GweiToWei_ConvertsExactly(string gwei, string wei) =>
        Assert.Equal(BigInteger.Parse(wei), WalletMath.GweiToWei(decimal.Parse(gwei, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("22500000000", "22.5")]
    [InlineData("1000000000", "1")]
    [InlineData("1", "0.000000001")]
    public void ToGwei_ShowsDecimalGwei(string wei, string expected) =>
        Assert.Equal(expected, WalletMath.ToGwei(BigInteger.Parse(wei)));
}
