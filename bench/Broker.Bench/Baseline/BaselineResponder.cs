using System.Net;
using System.Numerics;
using BlockhostBroker.Protocol.Addressing;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Payloads;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Protocol.Transactions;
using static BlockhostBroker.Protocol.Contracts.BrokerRequests;
using Request = BlockhostBroker.Protocol.Contracts.BrokerRequests.Request;

namespace BlockhostBroker.Bench.Baseline;

/// <summary>Where the baseline answers and with what: chain, contract, keys and the prefix it allocates from.</summary>
public sealed record BaselineSetup(
    IEthereumRpc Rpc, long ChainId, string RequestsContract, OfflineTransactionSigner Operator, Secp256k1KeyPair EciesKey,
    AllocationPlan Plan, WireGuardKey GatewayPubkey, BrokerEndpoint Endpoint);

/// <summary>
/// The original Python broker's algorithm, on this repository's protocol library, as the yardstick for the
/// figures: every <see cref="PollInterval"/> call getPendingRequests(); answer the pending requests one at a time —
/// decrypt with the broker key, check that the requester owns the NFT contract, take the next /120 from an
/// in-memory counter, encrypt the response, submitResponse with the operator's next nonce — and wait for each
/// receipt before the next. It keeps no state on disk and touches no WireGuard interface (which only flatters it).
/// </summary>
public sealed class BaselineResponder(BaselineSetup setup)
{
    /// <summary>How often the original broker polled the contract.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private const double GasHeadroom = 1.2;
    private static readonly BigInteger MinimumTip = 1_000_000_000;
    private static readonly TimeSpan ReceiptTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReceiptPoll = TimeSpan.FromMilliseconds(100); // web3.py's wait_for_transaction_receipt
    private readonly BrokerRequestsService _contract = new(setup.Rpc, setup.RequestsContract);
    private readonly NftChecks _nft = new(setup.Rpc);
    private long _nextIndex = AllocationPlan.FirstAllocatableIndex;

    /// <summary>Responses sent (approved and rejected).</summary>
    public int Answered { get; private set; }

    /// <summary>Polls and answers until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var pending = await _contract.GetPendingRequestsAsync(cancellationToken: cancellationToken);
                foreach (var request in pending.Pending)
                    await AnswerAsync(request, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // As the original did: log, and try again at the next poll.
                await Console.Error.WriteLineAsync($"baseline: {e.GetType().Name}: {e.Message}");
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private async Task AnswerAsync(Request request, CancellationToken cancellationToken)
    {
        var (approved, payload, reason) = await DecideAsync(request, cancellationToken);
        var message = new SubmitResponseFunction { RequestId = request.Id, Approved = approved, EncryptedPayload = payload, RejectionReason = reason };
        var gas = await _contract.Reader.EstimateGasAsync(message, setup.Operator.Address, cancellationToken);
        var nonce = await setup.Rpc.GetTransactionCountAsync(setup.Operator.Address, BlockTag.Pending, cancellationToken);
        var fees = await FeeSuggester.SuggestAsync(setup.Rpc, MinimumTip, cancellationToken);
        var (sent, result) = await ContractTransactions.SendAsync(setup.Rpc, setup.Operator, message, setup.RequestsContract,
            setup.ChainId, nonce, (long)(gas * GasHeadroom), fees, cancellationToken);
        if (!result.IsSent)
            throw new InvalidOperationException($"baseline: the node refused the response to {request.Id}: {result.NodeMessage}");
        await ReceiptPoller.WaitAsync(setup.Rpc, sent.Hash, ReceiptTimeout, ReceiptPoll, cancellationToken: cancellationToken);
        Answered++;
    }

    private async Task<(bool Approved, byte[] Payload, string Reason)> DecideAsync(Request request, CancellationToken cancellationToken)
    {
        var opened = PayloadOpener.OpenRequest(setup.EciesKey, request.EncryptedPayload);
        if (!opened.IsSuccess)
            return (false, [], opened.Reason);
        var owner = await _nft.GetOwnerAsync(request.NftContract, cancellationToken);
        if (owner is null || !EthereumAddressText.SameAddress(owner, request.Requester))
            return (false, [], "nft: owner mismatch");
        var prefix = setup.Plan.PrefixAt(_nextIndex++);
        var response = new ResponsePayload(IPNetwork.Parse(prefix.ToString()), setup.Plan.Gateway, setup.GatewayPubkey, setup.Endpoint);
        return (true, PayloadSealer.SealResponse(response, opened.Value!.ServerPubkey), "");
    }
}
