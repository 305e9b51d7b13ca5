using System.Text.Json;
using BlockhostBroker.Client.Cli;
using BlockhostBroker.Client.State;
using BlockhostBroker.Client.Tests.Support;
using BlockhostBroker.Protocol.Payloads;

namespace BlockhostBroker.Client.Tests.Requests;

/// <summary>`request` against the real contracts on anvil, answered by the scripted broker.</summary>
[Collection(ChainCollection.Name)]
public sealed class RequestCommandTests(ClientChain chain) : ChainTestBase(chain)
{
    [Fact]
    public async Task Request_ByBrokerId_SavesTheValidatedAllocationAndSpeaksTheWireProtocol()
    {
        var nft = await Chain.NewNftAsync();
        await using var broker = await ScriptedBroker.StartAsync(Chain, Chain.Main, new BrokerDecision.Approve(ScriptedBroker.DefaultResponse()));

        var outcome = await RequestAsync(nft, "--broker-id", Chain.Main.Id.ToString());

        AssertExit(ExitCode.Success, outcome);
        var state = new StateDirectory(State);
        var allocation = state.ReadAllocation()!;
        Assert.Equal(AllocationSeeder.DefaultPrefix, allocation.Prefix);
        Assert.Equal(AllocationSeeder.DefaultGateway, allocation.Gateway);
        Assert.Equal(nft, allocation.NftContract);
        var (wireGuard, ecies) = state.LoadOrCreateKeys();
        var received = Assert.Single(broker.Received);
        Assert.Equal(allocation.RequestId, received.RequestId);
        Assert.Equal(["wgPubkey", "nftContract", "serverPubkey"], received.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(wireGuard.PublicKey.ToBase64(), received.Json.GetProperty("wgPubkey").GetString());
        Assert.Equal(EthereumAddressText.ToChecksum(nft), received.Json.GetProperty("nftContract").GetString());
        Assert.Equal(ecies.PublicKey.ToHex(), received.Json.GetProperty("serverPubkey").GetString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(state.WgQuickPath("wg-broker")));
    }

    [Fact]
    public async Task Request_WithAllocationSaved_ReportsItWithoutSpendingGas()
    {
        var nft = await Chain.NewNftAsync();
        await using (await ScriptedBroker.StartAsync(Chain, Chain.Main, new BrokerDecision.Approve(ScriptedBroker.DefaultResponse())))
            AssertExit(ExitCode.Success, await RequestAsync(nft, "--broker-id", Chain.Main.Id.ToString()));
        var nonce = await Chain.NonceAsync(Chain.ServerWallet);

        var again = await RequestAsync(nft, "--broker-id", Chain.Main.Id.ToString());

        AssertExit(ExitCode.Success, again);
        Assert.True(again.Json().GetProperty("result").GetProperty("alreadyAllocated").GetBoolean());
        Assert.Equal(nonce, await Chain.NonceAsync(Chain.ServerWallet));
    }

    [Fact]
    public async Task Request_StoppedAfterBroadcastBeforeSaving_FindsItsSubmittedRequestAndSubmitsNothingMore()
    {
        var nft = await Chain.NewNftAsync();
        await using var broker = await ScriptedBroker.StartAsync(Chain, Chain.Main, new BrokerDecision.Approve(ScriptedBroker.DefaultResponse()));
        AssertExit(ExitCode.Success, await RequestAsync(nft, "--broker-id", Chain.Main.Id.ToString()));
        var state = new StateDirectory(State);
        var first = state.ReadRequest()!;
        // What a run killed between eth_sendRawTransaction and writing request.json leaves: the keys, nothing else.
        File.Delete(state.PathOf(StateDirectory.RequestFile));
        File.Delete(state.PathOf(StateDirectory.AllocationFile));
        var nonce = await Chain.NonceAsync(Chain.ServerWallet);

        var again = await RequestAsync(nft, "--broker-id", Chain.Main.Id.ToString());

        AssertExit(ExitCode.Success, again);
        Assert.Equal(nonce, await Chain.NonceAsync(Chain.ServerWallet));
        Assert.Single(broker.Received);
        var found = state.ReadRequest()!;
        Assert.Equal((first.RequestId, first.TransactionHash, first.SubmittedBlock), (found.RequestId, found.TransactionHash, found.SubmittedBlock));
        Assert.Equal(first.RequestId, state.ReadAllocation()!.RequestId);
    }

    [Fact]
    public async Task Request_NoBrokerNamed_PicksTheActiveBrokerWithRoom()
    {
        var nft = await Chain.NewNftAsync();
        await using var broker = await ScriptedBroker.StartAsync(Chain, Chain.Main, new BrokerDecision.Approve(ScriptedBroker.DefaultResponse()));

        var outcome = await RequestAsync(nft);

        AssertExit(ExitCode.Success, outcome);
        Assert.Equal(Chain.Main.Id, new StateDirectory(State).ReadAllocation()!.BrokerId);
        Assert.Single(broker.Received);
    }

    [Theory]
    [InlineData(ClientChain.FullRegion)]
    [InlineData(ClientChain.InactiveRegion)]
    [InlineData("mars-north")]
    public async Task Request_RegionWithoutActiveBrokerWithRoom_ExitsNoActiveBroker(string region)
    {
        var nft = await Chain.NewNftAsync();

        var outcome = await RequestAsync(nft, "--region", region);

        AssertExit(ExitCode.NoActiveBroker, outcome);
        Assert.Contains(region, outcome.Json().GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Request_InactiveBrokerId_ExitsBrokerInactive()
    {
        var nft = await Chain.NewNftAsync();

        var outcome = await RequestAsync(nft, "--broker-id", Chain.Inactive.Id.ToString());

        AssertExit(ExitCode.BrokerInactive, outcome);
        Assert.Equal(Chain.Inactive.Id, outcome.Json().GetProperty("error").GetProperty("brokerId").GetUInt64());
    }

    [Fact]
    public async Task Request_UnknownBrokerId_ExitsNoActiveBroker()
    {
        var nft = await Chain.NewNftAsync();

        var outcome = await RequestAsync(nft, "--broker-id", "99");

        AssertExit(ExitCode.NoActiveBroker, outcome);
    }

    [Fact]
    public async Task Request_WalletNotTheNftOwner_ExitsNotNftOwnerWithoutSpendingGas()
    {
        var nft = await Chain.NewNftAsync();
        var nonce = await Chain.NonceAsync(Chain.Stranger);

        var outcome = await RequestWithKeyAsync(nft, ClientChain.WriteWalletKey(Temp.Path, Chain.Stranger), "--broker-id", Chain.Main.Id.ToString());

        AssertExit(ExitCode.NotNftOwner, outcome);
        var error = outcome.Json().GetProperty("error");
        Assert.Equal(Chain.ServerWallet.Address, error.GetProperty("owner").GetString());
        Assert.Equal(nonce, await Chain.NonceAsync(Chain.Stranger));
    }

    [Fact]
    public async Task Request_WalletKeyFileNotAKey_ExitsUsageNamingTheFile()
    {
        var nft = await Chain.NewNftAsync();
        var walletKey = Temp.At("wallet.key");
        await File.WriteAllTextAsync(walletKey, "correct horse battery staple\n", TestContext.Current.CancellationToken);

        var outcome = await RequestWithKeyAsync(nft, walletKey, "--broker-id", Chain.Main.Id.ToString());

        AssertExit(ExitCode.Usage, outcome);
        Assert.Contains(walletKey, outcome.Json().GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Request_Rejected_ExitsRejectedWithTheBrokersReason()
    {
        var nft = await Chain.NewNftAsync();
        await using var broker = await ScriptedBroker.StartAsync(Chain, Chain.Main, new BrokerDecision.Reject("prefix pool exhausted"));

        var outcome = await RequestAsync(nft, "--broker-id", Chain.Main.Id.ToString());

        AssertExit(ExitCode.Rejected, outcome);
        Assert.Equal("prefix pool exhausted", outcome.Json().GetProperty("error").GetProperty("reason").GetString());
        Assert.Null(new StateDirectory(State).ReadAllocation());
    }

    [Fact]
    public async Task Request_ForceAfterRejection_ExitsRevertedWithTheDecodedReason()
    {
        var nft = await Chain.NewNftAsync();
        await using (await ScriptedBroker.StartAsync(Chain, Chain.Main, new BrokerDecision.Reject("no")))
            AssertExit(ExitCode.Rejected, await RequestAsync(nft, "--broker-id", Chain.Main.Id.ToString()));

        var outcome = await RequestAsync(nft, "--broker-id", Chain.Main.Id.ToString(), "--force");

        AssertExit(ExitCode.Reverted, outcome);
        Assert.Equal("NFT contract already has a request", outcome.Json().GetProperty("error").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Request_OwnableContractThatIsNotErc721_ExitsRevertedWithTheDecodedReason()
    {
        // The Full broker's requests contract is Ownable (its operator owns it) but not an ERC721.
        var walletKey = ClientChain.WriteWalletKey(Temp.Path, Chain.Full.Operator);

        var outcome = await RequestWithKeyAsync(Chain.Full.RequestsContract, walletKey, "--broker-id", Chain.Main.Id.ToString());

        AssertExit(ExitCode.Reverted, outcome);
        Assert.Equal("Not an ERC721 contract", outcome.Json().GetProperty("error").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Request_DirectForm_NeedsNoRegistry()
    {
        var nft = await Chain.NewNftAsync();
        await using var broker = await ScriptedBroker.StartAsync(Chain, Chain.Main, new BrokerDecision.Approve(ScriptedBroker.DefaultResponse()));

        var outcome = await ClientRun.RunAsync(["request", "--rpc-url", Chain.RpcUrl.ToString(), "--state-dir", State, "--json",
            "--nft-contract", nft, "--wallet-key", WalletKey(), "--poll-interval", "100", "--timeout", AnswerTimeout,
            "--requests-contract", Chain.Main.RequestsContract, "--broker-pubkey", Chain.Main.Key.PublicKey.ToHex()]);

        AssertExit(ExitCode.Success, outcome);
        var allocation = new StateDirectory(State).ReadAllocation()!;
        Assert.Null(allocation.BrokerId);
        Assert.Equal(Chain.Main.RequestsContract, allocation.RequestsContract, ignoreCase: true);
    }

    public static TheoryData<string, string> UnusableAnswers => new()
    {
        { "wrong-length", "payload: wrong prefix length" },
        { "undecryptable", "payload: not decryptable" },
        { "gateway-inside", "payload: unusable gateway" },
    };

    [Theory]
    [MemberData(nameof(UnusableAnswers))]
    public async Task Request_UnusableAnswer_ExitsInvalidResponseAndSavesNothing(string answer, string reason)
    {
        var nft = await Chain.NewNftAsync();
        BrokerDecision decision = answer switch
        {
            "wrong-length" => new BrokerDecision.Approve(ScriptedBroker.DefaultResponse(prefix: "2001:db8:0:1::/64")),
            "gateway-inside" => new BrokerDecision.Approve(ScriptedBroker.DefaultResponse(gateway: "2001:db8::1ff")),
            _ => new BrokerDecision.ApproveRaw(Protocol.Crypto.Ecies.Encrypt(Chain.Main.Key.PublicKey, "{}"u8)),
        };
        await using var broker = await ScriptedBroker.StartAsync(Chain, Chain.Main, decision);

        var outcome = await RequestAsync(nft, "--broker-id", Chain.Main.Id.ToString());

        AssertExit(ExitCode.InvalidResponse, outcome);
        Assert.Equal(reason, outcome.Json().GetProperty("error").GetProperty("reason").GetString());
        Assert.Null(new StateDirectory(State).ReadAllocation());
    }

    [Fact]
    public async Task Request_WrongChainId_ExitsChainUnavailable()
    {
        var nft = await Chain.NewNftAsync();

        var outcome = await RequestAsync(nft, "--chain-id", "1");

        AssertExit(ExitCode.ChainUnavailable, outcome);
        Assert.Contains(Chain.ChainId.ToString(), outcome.Json().GetProperty("error").GetProperty("message").GetString());
    }
}
