using System.Diagnostics;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.TestSupport.Chain;
using static BlockhostBroker.Protocol.Contracts.BrokerRequests;

namespace BlockhostBroker.EndToEnd.Tests.Fuzz;

/// <summary>One request to submit: how to make its payload for the NFT contract it gets, and whether that contract's owner changes in the same block.</summary>
public sealed record BurstStep(Func<string, FuzzedPayload> Make, bool OwnerChanges = false);

/// <summary>A submitted request: its on-chain id and what was submitted.</summary>
public sealed record BurstRequest(long Id, string NftContract, FuzzedPayload Payload);

/// <summary>
/// Submits many requests from one wallet as fast as anvil takes them: first one TestNFT per request (owned by the
/// wallet; BrokerRequests keeps an NFT contract's request id after a rejection, so none is reused), then the
/// submitRequest calls in order. Automine is off meanwhile and a block is mined every <see cref="TransactionsPerBlock"/>
/// transactions: anvil spends most of its time per block, not per transaction.
/// </summary>
public sealed class RequestBurst(BrokerChain chain, DevAccount requester, DevAccount newOwner)
{
    private const int TransactionsPerBlock = 20; // 20 TestNFT deployments (~1.3 M gas each) fit a 30 M gas block
    private const long NftDeployGas = 3_000_000;
    private const long SubmitBaseGas = 300_000;
    private const long SubmitGasPerPayloadByte = 1_000; // storage (~700 per byte) with room to spare
    private int _sinceBlock;

    /// <summary>How long the last burst spent deploying and submitting.</summary>
    public (TimeSpan Deploying, TimeSpan Submitting) LastTimes { get; private set; }

    /// <summary>Deploys the NFT contracts, submits every step's request and returns them in step order.</summary>
    public async Task<IReadOnlyList<BurstRequest>> SubmitAsync(IReadOnlyList<BurstStep> steps)
    {
        await chain.Rpc.RequestAsync("evm_setAutomine", [false]);
        try
        {
            var clock = Stopwatch.StartNew();
            var sender = await NonceSender.CreateAsync(chain, requester);
            var nfts = await DeployNftsAsync(sender, steps.Count);
            var deploying = clock.Elapsed;
            var requests = await SubmitRequestsAsync(sender, steps, nfts);
            LastTimes = (deploying, clock.Elapsed - deploying);
            return requests;
        }
        finally
        {
            await chain.Rpc.RequestAsync("evm_setAutomine", [true]);
        }
    }

    private async Task<List<string>> DeployNftsAsync(NonceSender sender, int count)
    {
        var creation = await AnvilChain.TestNftCreationCodeAsync(requester.Address);
        var nfts = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            nfts.Add(sender.NextContractAddress);
            await SendAsync(sender, null, creation, NftDeployGas);
        }
        await MineAllAsync(sender);
        await sender.WaitAllAsync();
        return nfts;
    }

    private async Task<List<BurstRequest>> SubmitRequestsAsync(NonceSender sender, IReadOnlyList<BurstStep> steps, List<string> nfts)
    {
        var payloads = new List<FuzzedPayload>(steps.Count);
        for (var i = 0; i < steps.Count; i++)
        {
            var payload = steps[i].Make(nfts[i]);
            payloads.Add(payload);
            var call = ContractReader.Calldata(new SubmitRequestFunction { NftContract = nfts[i], EncryptedPayload = payload.Envelope });
            var gas = SubmitBaseGas + payload.Envelope.Length * SubmitGasPerPayloadByte;
            if (steps[i].OwnerChanges)
                await SubmitThenTransferInOneBlockAsync(sender, call, gas, nfts[i]);
            else
                await SendAsync(sender, chain.Contracts.BrokerRequests, call, gas);
        }
        await MineAllAsync(sender);
        var ids = (await sender.WaitAllAsync())
            .SelectMany(r => EventLogs.DecodeAll<RequestSubmittedEvent>(r.Logs))
            .Select(e => (long)e.Event.RequestId)
            .ToList();
        Assert.Equal(steps.Count, ids.Count);
        return [.. ids.Select((id, i) => new BurstRequest(id, nfts[i], payloads[i]))];
    }

    // Both transactions land in one block, mined after everything sent before: by the time the broker can see the
    // request, the NFT contract already has another owner, whatever its polling interval.
    private async Task SubmitThenTransferInOneBlockAsync(NonceSender sender, byte[] submit, long gas, string nft)
    {
        await MineAllAsync(sender);
        await sender.SendAsync(chain.Contracts.BrokerRequests, submit, gas);
        await sender.SendAsync(nft, ContractReader.Calldata(new Ownable.TransferOwnershipFunction { NewOwner = newOwner.Address }), 100_000);
        await MineAllAsync(sender);
    }

    private async Task SendAsync(NonceSender sender, string? to, byte[] data, long gas)
    {
        await sender.SendAsync(to, data, gas);
        if (++_sinceBlock >= TransactionsPerBlock)
            await MineAllAsync(sender);
    }

    // Mines until every transaction the sender sent is in a block.
    private async Task MineAllAsync(NonceSender sender)
    {
        do
            await chain.MineAsync();
        while (await chain.Rpc.GetTransactionCountAsync(requester.Address, BlockTag.Latest) < sender.NextNonce);
        _sinceBlock = 0;
    }
}
