using System.Numerics;
using BlockhostBroker.Protocol.Rpc;

namespace BlockhostBroker.Protocol.Transactions;

/// <summary>Suggests EIP-1559 fees from eth_feeHistory and bumps fees for replacements; pure arithmetic apart from <see cref="SuggestAsync"/>.</summary>
public static class FeeSuggester
{
    /// <summary>Blocks of history read by <see cref="SuggestAsync"/>.</summary>
    public const int HistoryBlocks = 10;

    /// <summary>The reward percentile read for the tip.</summary>
    public const double TipPercentile = 50;

    /// <summary>The base fee is multiplied by this to survive several full blocks in a row (+12.5% each).</summary>
    public const int BaseFeeHeadroom = 2;

    /// <summary>Replacement bump in eighths: 9/8 = +12.5%, above the 10% geth and anvil require.</summary>
    private const int BumpNumerator = 9;
    private const int BumpDenominator = 8;

    /// <summary>
    /// Suggests fees: tip = the median of the blocks' <see cref="TipPercentile"/> rewards, at least <paramref name="minimumTip"/>;
    /// fee cap = next block's base fee × <see cref="BaseFeeHeadroom"/> + tip. Throws <see cref="ArgumentException"/> for a history without base fees.
    /// </summary>
    public static Eip1559Fees Suggest(FeeHistory history, BigInteger minimumTip)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.BaseFeePerGas.Count == 0)
            throw new ArgumentException("fee history has no base fees (the chain may not support EIP-1559)", nameof(history));
        var nextBaseFee = history.BaseFeePerGas[^1];
        var tips = history.Reward.Where(r => r.Count > 0).Select(r => r[0]).Order().ToList();
        var median = tips.Count == 0 ? BigInteger.Zero : tips[tips.Count / 2];
        var tip = BigInteger.Max(median, minimumTip);
        return new Eip1559Fees(nextBaseFee * BaseFeeHeadroom + tip, tip);
    }

    /// <summary>Reads the last <see cref="HistoryBlocks"/> blocks' fee history and suggests fees from it.</summary>
    public static async Task<Eip1559Fees> SuggestAsync(IEthereumRpc rpc, BigInteger minimumTip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        var history = await rpc.GetFeeHistoryAsync(HistoryBlocks, BlockTag.Latest, [TipPercentile], cancellationToken);
        return Suggest(history, minimumTip);
    }

    /// <summary>
    /// Fees for a replacement of a pending transaction: both fees raised by 12.5% (at least 1 wei), and never below
    /// <paramref name="current"/> when given (the market may have moved further than the bump).
    /// </summary>
    public static Eip1559Fees BumpForReplacement(Eip1559Fees previous, Eip1559Fees? current = null)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var tip = Bump(previous.MaxPriorityFeePerGas);
        var cap = Bump(previous.MaxFeePerGas);
        if (current is not null)
        {
            tip = BigInteger.Max(tip, current.MaxPriorityFeePerGas);
            cap = BigInteger.Max(cap, current.MaxFeePerGas);
        }
        return new Eip1559Fees(BigInteger.Max(cap, tip), tip);
    }

    /// <summary>A legacy gas price raised by 12.5% (at least 1 wei) for a replacement.</summary>
    public static BigInteger BumpGasPrice(BigInteger previous) => Bump(previous);

    private static BigInteger Bump(BigInteger value)
    {
        var bumped = (value * BumpNumerator + BumpDenominator - 1) / BumpDenominator;
        return bumped > value ? bumped : value + 1;
    }
}
