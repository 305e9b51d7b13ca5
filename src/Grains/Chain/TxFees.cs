using System.Numerics;

namespace BlockhostBroker.Grains.Chain;

/// <summary>
/// What a transaction offers per gas, in wei. An EIP-1559 transaction pays at most <see cref="MaxFeePerGas"/>, of
/// which at most <see cref="MaxPriorityFeePerGas"/> goes to the block builder; a legacy one pays
/// <see cref="MaxFeePerGas"/> as its gas price and carries the same value in both fields.
/// </summary>
[GenerateSerializer, Immutable, Alias("TxFees")]
public sealed record TxFees([property: Id(0)] BigInteger MaxFeePerGas, [property: Id(1)] BigInteger MaxPriorityFeePerGas)
{
    /// <summary>A legacy gas price, carried in both fields.</summary>
    public static TxFees Legacy(BigInteger gasPrice) => new(gasPrice, gasPrice);

    /// <summary>Both fields are at least those of <paramref name="other"/>.</summary>
    public bool Covers(TxFees other) =>
        MaxFeePerGas >= other.MaxFeePerGas && MaxPriorityFeePerGas >= other.MaxPriorityFeePerGas;

    /// <summary>Shows both fees in gwei.</summary>
    public override string ToString() =>
        $"maxFee {WalletMath.ToGwei(MaxFeePerGas)} gwei, tip {WalletMath.ToGwei(MaxPriorityFeePerGas)} gwei";
}
