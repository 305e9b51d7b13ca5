using BlockhostBroker.Client.Cli;
using BlockhostBroker.Client.Tests.Support;
using BlockhostBroker.TestSupport.Network;

namespace BlockhostBroker.Client.Tests.Requests;

/// <summary>The whole path: request on anvil, the scripted broker adds the peer and answers, the tunnel comes up and carries ping6.</summary>
[Collection(ChainCollection.Name)]
public sealed class RequestTunnelTests(ClientChain chain) : ChainTestBase(chain)
{
    [Fact]
    public async Task Request_ConfigureWg_BringsTheTunnelUpAsSoonAsTheAnswerArrives()
    {
        await using var lab = await TunnelLab.CreateAsync();
        var nft = await Chain.NewNftAsync();
        var device = NetworkLab.NewInterfaceName("bc");
        await using var broker = await ScriptedBroker.StartAsync(Chain, Chain.Main, async request =>
        {
            await lab.AddClientPeerAsync(request.Payload.WgPubkey.ToBase64());
            return new BrokerDecision.Approve(ScriptedBroker.DefaultResponse(
                brokerKey: lab.BrokerKey.PublicKey, endpoint: $"[{lab.Link.HostA}]:{TunnelLab.BrokerPort}"));
        });

        // The client talks to anvil from this namespace; its wg/ip/wireguard-go run in the client namespace.
        var outcome = await ClientRun.RunAsync(["request", .. Globals(), "--nft-contract", nft, "--wallet-key", WalletKey(),
            "--poll-interval", "100", "--timeout", AnswerTimeout, "--configure-wg", "--wg-interface", device],
            new NamespaceToolRunner(lab.Client.Name));

        AssertExit(ExitCode.Success, outcome);
        Assert.Equal(device, outcome.Json().GetProperty("result").GetProperty("tunnel").GetProperty("interface").GetString());
        Assert.True(await lab.Client.Ping6Async(AllocationSeeder.DefaultGateway), "no ping6 reply from the gateway through the tunnel");
    }
}
