using System.Numerics;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.TestSupport.Chain;
using static BlockhostBroker.Protocol.Contracts.BrokerRequests;

namespace BlockhostBroker.Protocol.Tests.Contracts;

/// <summary>eth_getLogs over bounded block ranges with topic filters, decoded into the typed event DTOs.</summary>
[Collection(ChainCollection.Name)]
public sealed class EventLogChainTests(BrokerChain chain)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DevAccount Requester => chain.Accounts[2];

    [Fact]
    public async Task GetLogs_RequestSubmittedInRangesOfTwoBlocks_DecodesEveryIndexedField()
    {
        var requests = chain.Contracts.BrokerRequests;
        var from = await chain.Rpc.GetBlockNumberAsync(cancellationToken: Ct) + 1;
        var submitted = new List<(string Nft, byte[] Payload)>();
        for (var i = 0; i < 3; i++)
        {
            var nft = await chain.DeployTestNftAsync(Requester.Address);
            var payload = ChainSteps.RandomPayload(40 + i);
            await chain.ExecuteAsync(Requester, requests, new SubmitRequestFunction { NftContract = nft, EncryptedPayload = payload });
            submitted.Add((nft, payload));
        }
        var to = await chain.Rpc.GetBlockNumberAsync(cancellationToken: Ct);

        var logs = new List<LogEntry>();
        foreach (var (start, end) in BlockRanges.Split(from, to, 2))
            logs.AddRange(await chain.Rpc.GetLogsAsync(EventLogs.Filter<RequestSubmittedEvent>(requests, start, end), cancellationToken: Ct));
        var events = EventLogs.DecodeAll<RequestSubmittedEvent>(logs);

        Assert.Equal(submitted.Count, events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.True(ChainSteps.SameAddress(Requester.Address, events[i].Event.Requester));
            Assert.True(ChainSteps.SameAddress(submitted[i].Nft, events[i].Event.NftContract));
            Assert.Equal(submitted[i].Payload, events[i].Event.EncryptedPayload);
            Assert.Equal(events[i].Event.RequestId, new BigInteger(Convert.FromHexString(events[i].Log.Topics[1][2..]), isUnsigned: true, isBigEndian: true));
        }
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Event.RequestId + 1 == p.Second.Event.RequestId));
    }

    [Fact]
    public async Task GetLogs_FilteredByIndexedNftContract_ReturnsOnlyThatRequest()
    {
        var requests = chain.Contracts.BrokerRequests;
        var from = await chain.Rpc.GetBlockNumberAsync(cancellationToken: Ct) + 1;
        var wanted = await chain.DeployTestNftAsync(Requester.Address);
        var other = await chain.DeployTestNftAsync(Requester.Address);
        await chain.ExecuteAsync(Requester, requests, new SubmitRequestFunction { NftContract = other, EncryptedPayload = [1] });
        await chain.ExecuteAsync(Requester, requests, new SubmitRequestFunction { NftContract = wanted, EncryptedPayload = [2] });
        var to = await chain.Rpc.GetBlockNumberAsync(cancellationToken: Ct);

        var filter = EventLogs.Filter<RequestSubmittedEvent>(requests, from, to, null, Requester.Address, wanted);
        var logs = await chain.Rpc.GetLogsAsync(filter, cancellationToken: Ct);

        var only = Assert.Single(EventLogs.DecodeAll<RequestSubmittedEvent>(logs));
        Assert.True(ChainSteps.SameAddress(wanted, only.Event.NftContract));
        Assert.Equal([2], only.Event.EncryptedPayload);
        var block = await chain.Rpc.GetBlockAsync(only.Log.BlockNumber, cancellationToken: Ct);
        Assert.Equal(block!.Hash, only.Log.BlockHash);
    }

    [Fact]
    public async Task DecodeAll_MixedLogs_PicksOnlyTheAskedEvent()
    {
        var nft = await chain.DeployTestNftAsync(Requester.Address);
        var submit = await chain.ExecuteAsync(Requester, chain.Contracts.BrokerRequests, new SubmitRequestFunction { NftContract = nft, EncryptedPayload = [9] });
        var id = submit.SingleEvent<RequestSubmittedEvent>().RequestId;
        var respond = await chain.ExecuteAsync(chain.Operator, chain.Contracts.BrokerRequests,
            new SubmitResponseFunction { RequestId = id, Approved = false, EncryptedPayload = [], RejectionReason = "full" });
        var both = submit.Logs.Concat(respond.Logs).ToList();

        var responses = EventLogs.DecodeAll<ResponseSubmittedEvent>(both);
        var submissions = EventLogs.DecodeAll<RequestSubmittedEvent>(both);

        Assert.Equal((id, RequestStatus.Rejected), (Assert.Single(responses).Event.RequestId, responses[0].Event.Status));
        Assert.Equal(id, Assert.Single(submissions).Event.RequestId);
        Assert.Throws<EventDecodingException>(() => EventLogs.Decode<RequestExpiredEvent>(submit.Logs[0]));
    }
}
