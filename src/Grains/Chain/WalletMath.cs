using System.Numerics;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Protocol.Transactions;

namespace BlockhostBroker.Grains.Chain;

/// <summary>The wallet's fee, replacement, gas-limit and nonce arithmetic, kept pure so it is tested without a cluster or a chain.</summary>
public static class WalletMath
{
    /// <summary>Decimal places of a gwei amount that still name whole wei.</summary>
    public const int GweiDecimals = 9;

    /// <summary>Extra gas on top of eth_estimateGas, in percent: state can change between estimate and inclusion.</summary>
    public const int GasLimitMarginPercent = 20;

    private const int BasisPointsPerPercent = 100;
    private const int BasisPointsWhole = 100 * BasisPointsPerPercent;
    private static readonly BigInteger WeiPerGwei = 1_000_000_000;

    /// <summary>Converts gwei (at most <see cref="GweiDecimals"/> decimals) to wei.</summary>
    public static BigInteger GweiToWei(decimal gwei)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gwei);
        return new BigInteger(decimal.Round(gwei * 1_000_000_000m, 0, MidpointRounding.ToPositiveInfinity));
    }

    /// <summary>Shows wei as gwei with up to nine decimals.</summary>
    public static string ToGwei(BigInteger wei) =>
        BigInteger.DivRem(wei, WeiPerGwei) is var (whole, rest) && rest.IsZero
            ? whole.ToString()
            : $"{whole}.{BigInteger.Abs(rest).ToString().PadLeft(GweiDecimals, '0').TrimEnd('0')}";

    /// <summary>The gas limit to sign: the estimate plus <see cref="GasLimitMarginPercent"/>, rounded up.</summary>
    public static long GasLimit(long estimate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(estimate);
        return checked(estimate + (estimate * GasLimitMarginPercent + 99) / 100);
    }

    /// <summary>
    /// EIP-1559 fees for the market in <paramref name="history"/> (read with the configured reward percentile):
    /// the Protocol's suggestion (median tip, at least <paramref name="minTip"/>, plus
    /// <see cref="FeeSuggester.BaseFeeHeadroom"/> next-block base fees), both fields stopped at <paramref name="cap"/>.
    /// </summary>
    public static TxFees MarketFees(FeeHistory history, BigInteger minTip, BigInteger cap)
    {
        var suggested = FeeSuggester.Suggest(history, minTip);
        return Capped(new TxFees(suggested.MaxFeePerGas, suggested.MaxPriorityFeePerGas), cap);
    }

    /// <summary>Legacy fees: the node's gas price, at least the minimum tip, at most the cap.</summary>
    public static TxFees LegacyFees(BigInteger nodeGasPrice, BigInteger minTip, BigInteger cap) =>
        Capped(TxFees.Legacy(BigInteger.Max(nodeGasPrice, minTip)), cap);

    /// <summary>Raises a fee by <paramref name="percent"/>, rounding up and by at least one wei, so nodes accept it as a replacement.</summary>
    public static BigInteger Bump(BigInteger fee, decimal percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        var basisPoints = (int)decimal.Ceiling(percent * BasisPointsPerPercent);
        var raised = (fee * (BasisPointsWhole + basisPoints) + BasisPointsWhole - 1) / BasisPointsWhole;
        return BigInteger.Max(raised, fee + 1);
    }

    /// <summary>
    /// Fees for a replacement of <paramref name="previous"/>: both fields bumped by <paramref name="percent"/>, or the
    /// market's when higher. Null when the cap leaves no room for the bump nodes require (the transaction waits).
    /// </summary>
    public static TxFees? Replacement(TxFees previous, TxFees market, decimal percent, BigInteger cap)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(market);
        var bumped = new TxFees(Bump(previous.MaxFeePerGas, percent), Bump(previous.MaxPriorityFeePerGas, percent));
        var wanted = new TxFees(
            BigInteger.Max(bumped.MaxFeePerGas, market.MaxFeePerGas),
            BigInteger.Max(bumped.MaxPriorityFeePerGas, market.MaxPriorityFeePerGas));
        var capped = Capped(wanted, cap);
        return capped.Covers(bumped) ? capped : null;
    }

    /// <summary>Whether a transaction last sent at <paramref name="sentAtBlock"/> has waited long enough at <paramref name="head"/> to be replaced.</summary>
    public static bool IsStuck(long head, long sentAtBlock, int replaceAfterBlocks) =>
        head - sentAtBlock >= replaceAfterBlocks;

    /// <summary>The nonce to continue from after activation: ours, unless the node has seen more transactions from the account.</summary>
    public static long NextNonce(long stored, long pendingCount) => Math.Max(stored, pendingCount);

    /// <summary>Whether the account's confirmed transaction count shows that <paramref name="nonce"/> has been used.</summary>
    public static bool IsNonceUsed(long nonce, long latestCount) => nonce < latestCount;

    private static TxFees Capped(TxFees fees, BigInteger cap)
    {
        var maxFee = BigInteger.Min(fees.MaxFeePerGas, cap);
        return new TxFees(maxFee, BigInteger.Min(fees.MaxPriorityFeePerGas, maxFee));
    }
}
