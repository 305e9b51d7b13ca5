using BlockhostBroker.Client.Cli;
using BlockhostBroker.Client.State;
using BlockhostBroker.Client.Tests.Support;

namespace BlockhostBroker.Client.Tests.Requests;

/// <summary>Waiting for the answer: timeouts, resuming, expiry, and the progress a person sees.</summary>
[Collection(ChainCollection.Name)]
public sealed class WaitingTests(ClientChain chain) : ChainTestBase(chain)
{
    /// <summary>The contract's default expiry (24 h) plus a minute.</summary>
    private const long PastExpirySeconds = 24 * 3600 + 60;

    [Fact]
    public async Task Request_NoAnswer_TimesOutWithTheRequestIdThenResumesWithoutANewTransaction()
    {
        var nft = await Chain.NewNftAsync();
        ulong requestId;
        await using (var silent = await ScriptedBroker.StartAsync(Chain, Chain.Main, new BrokerDecision.Ignore()))
        {
            var timedOut = await RequestAsync(nft, "--broker-id", Chain.Main.Id.ToString(), "--timeout", "1");
            AssertExit(ExitCode.TimedOut, timedOut);
            requestId = timedOut.Json().GetProperty("error").GetProperty("requestId").GetUInt64();
            Assert.Equal(Assert.Single(silent.Received).RequestId, requestId);
        }
        var status = await ClientRun.RunAsync(["status", .. Globals()]);
        var nonce = await Chain.NonceAsync(Chain.ServerWallet);
        await using var broker = await ScriptedBroker.StartAsync(Chain, Chain.Main, _ => Task.FromResult<BrokerDecision>(new BrokerDecision.Ignore()));
        await Chain.CallAsync(Chain.Main.Operator, Chain.Main.RequestsContract, new Protocol.Contracts.BrokerRequests.SubmitResponseFunction
        {
            RequestId = requestId,
            Approved = true,
            EncryptedPayload = Protocol.Payloads.PayloadSealer.SealResponse(ScriptedBroker.DefaultResponse(),
                new StateDirectory(State).LoadOrCreateKeys().Ecies.PublicKey),
        });

        var resumed = await RequestAsync(nft, "--broker-id", Chain.Main.Id.ToString());

        Assert.Equal("pending", status.Json().GetProperty("result").GetProperty("onChain").GetProperty("status").GetString());
        AssertExit(ExitCode.Success, resumed);
        Assert.Equal(requestId, new StateDirectory(State).ReadAllocation()!.RequestId);
        Assert.Equal(nonce, await Chain.NonceAsync(Chain.ServerWallet));
    }

    [Fact]
    public async Task Request_PastExpiryOnChain_ExitsRequestExpired()
    {
        var nft = await Chain.NewNftAsync();
        await using (await ScriptedBroker.StartAsync(Chain, Chain.Main, new BrokerDecision.Ignore()))
            AssertExit(ExitCode.TimedOut, await RequestAsync(nft, "--broker-id", Chain.Main.Id.ToString(), "--timeout", "1"));
        await Chain.IncreaseTimeAsync(PastExpirySeconds);

        var outcome = await RequestAsync(nft, "--broker-id", Chain.Main.Id.ToString());

        AssertExit(ExitCode.RequestExpired, outcome);
        Assert.Contains("--force", outcome.Json().GetProperty("error").GetProperty("hint").GetString());
    }

    [Fact]
    public async Task Request_InterruptedWhileWaiting_ExitsInterruptedKeepingTheRequestToResume()
    {
        var nft = await Chain.NewNftAsync();
        await using var silent = await ScriptedBroker.StartAsync(Chain, Chain.Main, new BrokerDecision.Ignore());

        var outcome = await ClientRun.RunAsync(["request", .. Globals(), "--nft-contract", nft, "--wallet-key", WalletKey(), "--poll-interval", "100"],
            interruptAfter: TimeSpan.FromSeconds(3));

        AssertExit(ExitCode.Interrupted, outcome);
        var saved = new StateDirectory(State).ReadRequest();
        Assert.NotNull(saved);
        Assert.Contains($"request #{saved.RequestId} stays pending", outcome.Json().GetProperty("error").GetProperty("hint").GetString());
    }

    [Fact]
    public async Task Request_TextMode_PrintsProgressOnStderrAndTheAllocationOnStdout()
    {
        var nft = await Chain.NewNftAsync();
        await using var broker = await ScriptedBroker.StartAsync(Chain, Chain.Main, async request =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            return new BrokerDecision.Approve(ScriptedBroker.DefaultResponse());
        });

        var outcome = await ClientRun.RunAsync(["request", "--rpc-url", Chain.RpcUrl.ToString(), "--registry-contract", Chain.Registry,
            "--state-dir", State, "--nft-contract", nft, "--wallet-key", WalletKey(), "--poll-interval", "100"]);

        AssertExit(ExitCode.Success, outcome);
        var requestId = new StateDirectory(State).ReadAllocation()!.RequestId;
        Assert.Contains($"Submitted request #{requestId}", outcome.StdErr);
        Assert.Contains($"request #{requestId}: pending", outcome.StdErr);
        Assert.Contains($"Allocated {AllocationSeeder.DefaultPrefix} (request #{requestId})", outcome.StdOut);
        Assert.DoesNotContain("pending", outcome.StdOut);
    }
}
