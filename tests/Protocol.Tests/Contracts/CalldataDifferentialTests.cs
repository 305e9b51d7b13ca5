using System.Globalization;
using System.Numerics;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.Protocol.Tests.Contracts;

/// <summary>Our calldata for the wire-protocol transactions equals Foundry's <c>cast calldata</c>, byte for byte, on random inputs.</summary>
public sealed class CalldataDifferentialTests
{
    private const int Cases = 200;

    [Fact]
    public async Task SubmitRequest_RandomInputs_MatchCastCalldata()
    {
        var random = new AbiRandom(Environment.TickCount);
        var cases = Enumerable.Range(0, Cases).Select(_ => (Nft: random.Address(), Payload: random.Payload())).ToList();

        var ours = cases.Select(c => BrokerRequestsService.SubmitRequestCalldata(c.Nft, c.Payload)).ToList();
        var cast = await Cast.CalldataBatchAsync(cases
            .Select(c => ("submitRequest(address,bytes)", (IReadOnlyList<string>)[c.Nft, Hex(c.Payload)])).ToList());

        AssertSame(ours, cast, random.Seed, i => $"submitRequest({cases[i].Nft}, {cases[i].Payload.Length} bytes)");
    }

    [Fact]
    public async Task SubmitResponse_RandomInputs_MatchCastCalldata()
    {
        var random = new AbiRandom(Environment.TickCount);
        var cases = Enumerable.Range(0, Cases)
            .Select(_ => (Id: random.Uint256(), Approved: random.Bool(), Payload: random.Payload(), Reason: random.Text(CastCanExpress))).ToList();

        var ours = cases.Select(c => BrokerRequestsService.SubmitResponseCalldata(c.Id, c.Approved, c.Payload, c.Reason)).ToList();
        var cast = await Cast.CalldataBatchAsync(cases
            .Select(c => ("submitResponse(uint256,bool,bytes,string)",
                (IReadOnlyList<string>)[Dec(c.Id), c.Approved ? "true" : "false", Hex(c.Payload), Cast.StringArgument(c.Reason)!])).ToList());

        AssertSame(ours, cast, random.Seed, i => $"submitResponse({cases[i].Id}, {cases[i].Approved}, {cases[i].Payload.Length} bytes, \"{cases[i].Reason}\")");
    }

    [Fact]
    public async Task RegisterBroker_RandomInputs_MatchCastCalldata()
    {
        var random = new AbiRandom(Environment.TickCount);
        var cases = Enumerable.Range(0, Cases)
            .Select(_ => (Requests: random.Address(), Pubkey: random.Payload(), Region: random.Text(CastCanExpress), Capacity: random.Uint256())).ToList();

        var ours = cases.Select(c => BrokerRegistryService.RegisterBrokerCalldata(c.Requests, c.Pubkey, c.Region, c.Capacity)).ToList();
        var cast = await Cast.CalldataBatchAsync(cases
            .Select(c => ("registerBroker(address,bytes,string,uint256)",
                (IReadOnlyList<string>)[c.Requests, Hex(c.Pubkey), Cast.StringArgument(c.Region)!, Dec(c.Capacity)])).ToList());

        AssertSame(ours, cast, random.Seed, i => $"registerBroker({cases[i].Requests}, {cases[i].Pubkey.Length} bytes, \"{cases[i].Region}\", {cases[i].Capacity})");
    }

    private static void AssertSame(IReadOnlyList<byte[]> ours, IReadOnlyList<string> cast, int seed, Func<int, string> describe)
    {
        Assert.Equal(ours.Count, cast.Count);
        for (var i = 0; i < ours.Count; i++)
            Assert.True(Hex(ours[i]) == cast[i].Trim(), $"seed {seed}, case {i}: {describe(i)}\nours: {Hex(ours[i])}\ncast: {cast[i]}");
    }

    private static bool CastCanExpress(string text) => Cast.StringArgument(text) is not null;

    private static string Hex(byte[] bytes) => "0x" + Convert.ToHexStringLower(bytes);

    private static string Dec(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
