using System.Numerics;
using BlockhostBroker.Client.Cli;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Protocol.Transactions;
using Nethereum.Contracts;

namespace BlockhostBroker.Client.Chain;

/// <summary>
/// Sends one contract transaction from the wallet and waits for its receipt: simulates first (a revert costs no gas
/// and its reason is reported), then signs offline with the pending nonce and suggested fees, broadcasts, and polls.
/// </summary>
public sealed class TransactionSender(ChainSession chain, OfflineTransactionSigner signer, TimeProvider time)
{
    /// <summary>How long a sent transaction may take to be mined.</summary>
    public static readonly TimeSpan ReceiptTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The smallest priority fee offered (0.1 gwei), so a quiet chain's zero median still gets mined.</summary>
    public static readonly BigInteger MinimumTip = 100_000_000;

    // Gas limit = estimate × 5/4: the estimate is for the pending state, and the real block may differ slightly.
    private const int GasNumerator = 5;
    private const int GasDenominator = 4;

    /// <summary>The sending account.</summary>
    public string From => signer.Address;

    /// <summary>Sends <paramref name="message"/> to <paramref name="contract"/>; <paramref name="action"/> names it in errors.</summary>
    public async Task<TransactionReceiptInfo> SendAsync<TFunction>(string contract, TFunction message, string action, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        var gas = await EstimateAsync(contract, message, action, cancellationToken);
        var nonce = await chain.Rpc.GetTransactionCountAsync(signer.Address, BlockTag.Pending, cancellationToken);
        var signed = await SignAsync(contract, ContractReader.Calldata(message), gas * GasNumerator / GasDenominator, nonce, cancellationToken);
        var sent = await TransactionBroadcaster.BroadcastAsync(chain.Rpc, signed, cancellationToken);
        if (!sent.IsSent)
            throw Refused(action, sent);
        TransactionReceiptInfo receipt;
        try
        {
            receipt = await ReceiptPoller.WaitAsync(chain.Rpc, signed.Hash, ReceiptTimeout, time: time, cancellationToken: cancellationToken);
        }
        catch (ReceiptTimeoutException e)
        {
            throw new ClientFailureException($"{action} transaction {signed.Hash} was not mined within {ReceiptTimeout.TotalSeconds:0} s",
                "look the transaction up later; do not send again before it is mined or dropped", e);
        }
        if (!receipt.Succeeded)
            throw new RevertedException(action, $"transaction {signed.Hash} reverted when mined in block {receipt.BlockNumber}");
        return receipt;
    }

    private async Task<long> EstimateAsync<TFunction>(string contract, TFunction message, string action, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        try
        {
            return await new ContractReader(chain.Rpc, contract).EstimateGasAsync(message, signer.Address, cancellationToken);
        }
        catch (ContractRevertException e)
        {
            throw new RevertedException(action, e.Reason ?? e.Revert.ToString(), e);
        }
    }

    private async Task<SignedTransaction> SignAsync(string to, byte[] data, long gasLimit, long nonce, CancellationToken cancellationToken)
    {
        Eip1559Fees fees;
        try
        {
            fees = await FeeSuggester.SuggestAsync(chain.Rpc, MinimumTip, cancellationToken);
        }
        catch (ArgumentException)
        {
            // No base fee in the history: a chain without EIP-1559 gets a legacy transaction.
            var price = await chain.Rpc.GetGasPriceAsync(cancellationToken);
            return signer.Sign(new LegacyTransactionRequest(chain.ChainId, nonce, to, data, gasLimit, price));
        }
        return signer.Sign(new Eip1559TransactionRequest(chain.ChainId, nonce, to, data, gasLimit, fees));
    }

    private ClientException Refused(string action, BroadcastResult sent) => sent.Outcome switch
    {
        BroadcastOutcome.InsufficientFunds => new ClientFailureException(
            $"wallet {signer.Address} cannot pay the gas for {action}: {sent.NodeMessage}", "fund the wallet on this chain"),
        _ => new ClientFailureException($"the node refused the {action} transaction ({sent.Outcome}): {sent.NodeMessage}",
            "run `broker-client request` again; if it repeats, check the wallet's pending transactions"),
    };
}
