using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using Nethereum.Contracts;

namespace BlockhostBroker.Protocol.Transactions;

/// <summary>Builds, signs and sends contract transactions with explicit nonce, fees and gas (the "send" helpers for the typed messages).</summary>
public static class ContractTransactions
{
    /// <summary>An unsigned EIP-1559 transaction calling <paramref name="contract"/> with <paramref name="message"/>.</summary>
    public static Eip1559TransactionRequest Build<TFunction>(
        TFunction message, string contract, long chainId, long nonce, long gasLimit, Eip1559Fees fees)
        where TFunction : FunctionMessage, new() =>
        new(chainId, nonce, contract, ContractReader.Calldata(message), gasLimit, fees, message.AmountToSend);

    /// <summary>An unsigned legacy transaction calling <paramref name="contract"/> with <paramref name="message"/>.</summary>
    public static LegacyTransactionRequest BuildLegacy<TFunction>(
        TFunction message, string contract, long chainId, long nonce, long gasLimit, System.Numerics.BigInteger gasPrice)
        where TFunction : FunctionMessage, new() =>
        new(chainId, nonce, contract, ContractReader.Calldata(message), gasLimit, gasPrice, message.AmountToSend);

    /// <summary>Builds and signs an EIP-1559 call, then broadcasts it; returns the signed transaction with the node's answer.</summary>
    public static async Task<(SignedTransaction Transaction, BroadcastResult Result)> SendAsync<TFunction>(
        IEthereumRpc rpc, OfflineTransactionSigner signer, TFunction message, string contract,
        long chainId, long nonce, long gasLimit, Eip1559Fees fees, CancellationToken cancellationToken = default)
        where TFunction : FunctionMessage, new()
    {
        ArgumentNullException.ThrowIfNull(signer);
        var signed = signer.Sign(Build(message, contract, chainId, nonce, gasLimit, fees));
        return (signed, await TransactionBroadcaster.BroadcastAsync(rpc, signed, cancellationToken));
    }
}
