using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Payloads;
using BlockhostBroker.TestSupport.Chain;
using static BlockhostBroker.Protocol.Contracts.BrokerRequests;

namespace BlockhostBroker.Bench.Chain;

/// <summary>A simulated Blockhost server ready to ask: its NFT contract (deployed, owned by the requester), keys and signed-ready calldata.</summary>
public sealed record PreparedServer(DevAccount Requester, string NftContract, Secp256k1KeyPair ServerKey, WireGuardKeyPair WgKey, byte[] Calldata, long Gas);

/// <summary>A request on chain and when this program saw its receipt.</summary>
public sealed record SentRequest(long Id, long Block, DateTime SeenAtUtc);

/// <summary>
/// Simulated Blockhost servers asking one BrokerRequests contract, as broker-client does (an NFT contract the
/// requester owns, a request sealed to the broker's key). NFTs are deployed in bulk beforehand so the measured
/// part is only the requests; a burst is signed with explicit nonces from several accounts and broadcast at once.
/// </summary>
public sealed class ServerFleet(AnvilChain chain, string requestsContract, Secp256k1PublicKey brokerKey, IReadOnlyList<DevAccount> requesters)
{
    private const double GasHeadroom = 1.3;
    private static readonly TimeSpan BatchTimeout = TimeSpan.FromMinutes(3);
    private readonly TransactionBatch _batch = new(chain);
    private long? _nftGas;

    /// <summary>Deploys <paramref name="count"/> NFT contracts (round-robin over the requesters) and seals a request for each.</summary>
    public async Task<IReadOnlyList<PreparedServer>> PrepareAsync(int count)
    {
        await FoundryTools.EnsureContractsBuiltAsync();
        var bytecode = AnvilChain.Bytecode(FoundryTools.ArtifactPath("TestNFT"));
        var owners = Enumerable.Range(0, count).Select(i => requesters[i % requesters.Count]).ToList();
        byte[] Creation(DevAccount owner) => [.. bytecode, .. AddressWord(owner.Address)];
        var gas = _nftGas ??= await MeasureNftGasAsync(owners[0], Creation(owners[0]));
        var deploys = owners.Select(o => (o, (string?)null, Creation(o), gas)).ToList();
        var receipts = await _batch.WaitAllAsync(await _batch.BroadcastAsync(deploys), BatchTimeout);
        var servers = new List<PreparedServer>(count);
        var reader = new ContractReader(chain.Rpc, requestsContract);
        long? requestGas = null;
        for (var i = 0; i < count; i++)
        {
            var nft = Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress(receipts[i].ContractAddress!);
            var (serverKey, wgKey) = (Secp256k1KeyPair.Generate(), WireGuardKeyPair.Generate());
            var sealedPayload = PayloadSealer.SealRequest(new RequestPayload(wgKey.PublicKey, nft, serverKey.PublicKey), brokerKey);
            var message = new SubmitRequestFunction { NftContract = nft, EncryptedPayload = sealedPayload };
            // Every request has the same shape, so one estimate (with headroom) serves them all.
            requestGas ??= (long)(await reader.EstimateGasAsync(message, owners[i].Address) * GasHeadroom);
            servers.Add(new PreparedServer(owners[i], nft, serverKey, wgKey, ContractReader.Calldata(message), requestGas.Value));
        }
        return servers;
    }

    /// <summary>Submits one request and waits for its receipt.</summary>
    public async Task<SentRequest> SubmitAsync(PreparedServer server) => (await SubmitAllAsync([server]))[0];

    /// <summary>Signs every request first, broadcasts them all, then waits for all receipts.</summary>
    public async Task<IReadOnlyList<SentRequest>> SubmitAllAsync(IReadOnlyList<PreparedServer> servers)
    {
        var sent = await _batch.BroadcastAsync([.. servers.Select(s => (s.Requester, (string?)requestsContract, s.Calldata, s.Gas))]);
        var receipts = await _batch.WaitAllAsync(sent, BatchTimeout);
        var seen = DateTime.UtcNow;
        return [.. receipts.Select(r => new SentRequest(
            (long)EventLogs.DecodeAll<RequestSubmittedEvent>(r.Logs).Single().Event.RequestId, r.BlockNumber, seen))];
    }

    // One deployment through the chain's own send (before any batch reads this account's nonce) gives the gas a
    // TestNFT creation uses; the batch then reserves that plus headroom, so many fit in one block.
    private async Task<long> MeasureNftGasAsync(DevAccount owner, byte[] creation) =>
        (long)((await chain.SendAsync(owner, null, creation)).GasUsed * GasHeadroom);

    private static byte[] AddressWord(string address)
    {
        var word = new byte[32];
        Convert.FromHexString(address.AsSpan(2)).CopyTo(word, 12);
        return word;
    }
}
