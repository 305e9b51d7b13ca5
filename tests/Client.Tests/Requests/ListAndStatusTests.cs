using System.Text.Json;
using BlockhostBroker.Client.Cli;
using BlockhostBroker.Client.Tests.Support;

using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Client.Tests.Requests;

/// <summary>`list-brokers` and `status` against the fixture's registry and brokers.</summary>
[Collection(ChainCollection.Name)]
public sealed class ListAndStatusTests(ClientChain chain) : ChainTestBase(chain)
{
    [Fact]
    public async Task ListBrokers_All_ListsTheActiveBrokersOnly()
    {
        var outcome = await ClientRun.RunAsync(["list-brokers", .. Globals()]);

        AssertExit(ExitCode.Success, outcome);
        var brokers = outcome.Json().GetProperty("result").GetProperty("brokers").EnumerateArray().ToList();
        Assert.Equal([Chain.Main.Id, Chain.Full.Id], brokers.Select(b => b.GetProperty("id").GetUInt64()));
        var full = brokers[1];
        Assert.Equal(1, full.GetProperty("capacity").GetInt32());
        Assert.Equal(1, full.GetProperty("currentLoad").GetInt32());
        Assert.False(full.GetProperty("hasRoom").GetBoolean());
        Assert.Equal(Chain.Main.Key.PublicKey.ToHex(), brokers[0].GetProperty("encryptionPubkey").GetString());
    }

    [Fact]
    public async Task ListBrokers_EnvironmentVariables_StandInForTheGlobalOptions()
    {
        var variables = new Dictionary<string, string>
        {
            [GlobalOptions.RpcUrlVariable] = Chain.RpcUrl.ToString(),
            [GlobalOptions.RegistryVariable] = Chain.Registry,
            [GlobalOptions.ChainIdVariable] = Chain.ChainId.ToString(),
        };

        var outcome = await ClientRun.RunAsync(["list-brokers", "--json"], variables: variables);

        AssertExit(ExitCode.Success, outcome);
        Assert.Equal(Chain.ChainId, outcome.Json().GetProperty("result").GetProperty("chainId").GetInt64());
        Assert.Equal(2, outcome.Json().GetProperty("result").GetProperty("brokers").GetArrayLength());
    }

    [Fact]
    public async Task ListBrokers_Region_ListsOnlyThatRegion()
    {
        var outcome = await ClientRun.RunAsync(["list-brokers", .. Globals(), "--region", ClientChain.FullRegion]);

        var broker = Assert.Single(outcome.Json().GetProperty("result").GetProperty("brokers").EnumerateArray());
        Assert.Equal(Chain.Full.Id, broker.GetProperty("id").GetUInt64());
    }

    [Fact]
    public async Task ListBrokers_TextMode_ShowsATableOfRegionsAndContracts()
    {
        var outcome = await ClientRun.RunAsync(["list-brokers", "--rpc-url", Chain.RpcUrl.ToString(), "--registry-contract", Chain.Registry]);

        AssertExit(ExitCode.Success, outcome);
        Assert.Contains("2 active brokers", outcome.StdOut);
        Assert.Contains(ClientChain.MainRegion, outcome.StdOut);
        Assert.Contains(Chain.Full.RequestsContract, outcome.StdOut, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ClientChain.InactiveRegion, outcome.StdOut);
    }

    [Fact]
    public async Task Status_AfterAllocation_ShowsItApprovedOnChain()
    {
        var nft = await Chain.NewNftAsync();
        await using (await ScriptedBroker.StartAsync(Chain, Chain.Main, new BrokerDecision.Approve(ScriptedBroker.DefaultResponse())))
            AssertExit(ExitCode.Success, await RequestAsync(nft));

        var outcome = await ClientRun.RunAsync(["status", .. Globals()]);

        AssertExit(ExitCode.Success, outcome);
        var result = outcome.Json().GetProperty("result");
        Assert.Equal(AllocationSeeder.DefaultPrefix, result.GetProperty("allocation").GetProperty("prefix").GetString());
        Assert.Equal("approved", result.GetProperty("onChain").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Status_NftAndRequestsContractWithoutState_LooksUpTheRequestOnChain()
    {
        var nft = await Chain.NewNftAsync();
        await using (await ScriptedBroker.StartAsync(Chain, Chain.Main, new BrokerDecision.Reject("not today")))
            AssertExit(ExitCode.Rejected, await RequestAsync(nft));
        using var elsewhere = new TempDirectory();

        var outcome = await ClientRun.RunAsync(["status", "--rpc-url", Chain.RpcUrl.ToString(), "--state-dir", elsewhere.Path, "--json",
            "--nft-contract", nft, "--requests-contract", Chain.Main.RequestsContract]);

        var onChain = outcome.Json().GetProperty("result").GetProperty("onChain");
        Assert.Equal("rejected", onChain.GetProperty("status").GetString());
        Assert.Equal("not today", onChain.GetProperty("rejectionReason").GetString());
    }

    [Fact]
    public async Task Status_ChainUnreachable_ShowsTheLocalAllocationAndTheChainError()
    {
        new AllocationSeeder().Seed(State);

        var outcome = await ClientRun.RunAsync(["status", "--rpc-url", "http://127.0.0.1:9/", "--state-dir", State, "--json"]);

        AssertExit(ExitCode.Success, outcome);
        var result = outcome.Json().GetProperty("result");
        Assert.Equal(AllocationSeeder.DefaultPrefix, result.GetProperty("allocation").GetProperty("prefix").GetString());
        Assert.Equal(JsonValueKind.String, result.GetProperty("chainError").ValueKind);
    }

    [Fact]
    public async Task Request_RpcUnreachable_ExitsChainUnavailable()
    {
        var outcome = await ClientRun.RunAsync(["request", "--rpc-url", "http://127.0.0.1:9/", "--state-dir", State, "--json",
            "--nft-contract", Chain.Main.RequestsContract, "--wallet-key", WalletKey()]);

        AssertExit(ExitCode.ChainUnavailable, outcome);
    }
}
