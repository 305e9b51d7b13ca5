using BlockhostBroker.Client.Chain;
using BlockhostBroker.Client.Cli;
using BlockhostBroker.Client.State;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Payloads;
using BlockhostBroker.Protocol.Transactions;

namespace BlockhostBroker.Client.Requests;

/// <summary>Checks ownership, encrypts the request payload to the broker and submits it; returns what to save in request.json.</summary>
public sealed class RequestSubmitter(ChainSession chain, OfflineTransactionSigner wallet, TimeProvider time)
{
    /// <summary>Submits a request for <paramref name="nftContract"/> carrying the public halves of <paramref name="wireGuard"/> and <paramref name="ecies"/>.</summary>
    public async Task<RequestRecord> SubmitAsync(
        BrokerTarget broker, string nftContract, WireGuardKeyPair wireGuard, Secp256k1KeyPair ecies, CancellationToken cancellationToken)
    {
        await CheckOwnerAsync(nftContract, cancellationToken);
        var payload = new RequestPayload(wireGuard.PublicKey, nftContract, ecies.PublicKey);
        var message = new BrokerRequests.SubmitRequestFunction
        {
            NftContract = nftContract,
            EncryptedPayload = PayloadSealer.SealRequest(payload, broker.Pubkey),
        };
        var receipt = await new TransactionSender(chain, wallet, time).SendAsync(broker.RequestsContract, message, "submitRequest", cancellationToken);
        var submitted = EventLogs.DecodeAll<BrokerRequests.RequestSubmittedEvent>(
                receipt.Logs.Where(log => EthereumAddressText.SameAddress(log.Address, broker.RequestsContract)))
            .SingleOrDefault()
            ?? throw new ClientFailureException($"transaction {receipt.TransactionHash} emitted no RequestSubmitted event",
                "is --requests-contract a BrokerRequests contract?");
        return new RequestRecord(chain.ChainId, broker.RequestsContract, broker.BrokerId, broker.Pubkey.ToHex(), payload.NftContract,
            wallet.Address, (ulong)submitted.Event.RequestId, receipt.TransactionHash, (ulong)receipt.BlockNumber, time.GetUtcNow(),
            wireGuard.PublicKey.ToBase64(), ecies.PublicKey.ToHex());
    }

    // The contract checks the same with a staticcall of owner(); checking first spends no gas on a request that must fail.
    private async Task CheckOwnerAsync(string nftContract, CancellationToken cancellationToken)
    {
        var owner = await new NftChecks(chain.Rpc).GetOwnerAsync(nftContract, cancellationToken);
        if (owner is null)
            throw new NotNftOwnerException(nftContract, wallet.Address, null,
                $"NFT contract {nftContract} has no owner() on chain {chain.ChainId} (no code there, or not Ownable)");
        if (!EthereumAddressText.SameAddress(owner, wallet.Address))
            throw new NotNftOwnerException(nftContract, wallet.Address, owner,
                $"wallet {wallet.Address} is not the owner of NFT contract {nftContract} (owner() is {owner})");
    }
}
