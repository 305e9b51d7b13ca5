using System.Text.Json;
using BlockhostBroker.Protocol.Addressing;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Silo.Api;
using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.EndToEnd.Tests.Tunnels;

/// <summary>
/// Five Blockhost servers ask the real broker for a prefix at once, over a real chain, and get working tunnels:
/// distinct /120s, ping6 both ways through WireGuard, the broker's peers matching its allocations, each request
/// answered on-chain exactly once; a server that does not own its NFT contract is refused before it spends gas.
/// </summary>
public sealed class TunnelTests(TunnelNetwork network) : IClassFixture<TunnelNetwork>
{
    [Fact]
    public void Request_FiveServersAtOnce_EachGetsADistinctPrefixInsideTheUpstream()
    {
        var prefixes = new List<Ipv6Prefix>();
        foreach (var (run, (site, nft)) in network.Requests.Zip(network.Clients))
        {
            Assert.True(run.ExitCode == 0, $"{site}: {run}");
            var allocation = TunnelNetwork.AllocationOf(run);
            var prefix = Ipv6Prefix.Parse(allocation.GetProperty("prefix").GetString()!);
            Assert.Equal(AllocationPlan.DefaultAllocationLength, prefix.Length);
            Assert.True(TunnelNetwork.Upstream.Contains(prefix), $"{prefix} is outside {TunnelNetwork.Upstream}");
            Assert.Equal(nft, allocation.GetProperty("nftContract").GetString());
            Assert.Equal(network.PublicEndpoint, allocation.GetProperty("brokerEndpoint").GetString());
            Assert.Equal(network.Gateway, allocation.GetProperty("gateway").GetString());
            prefixes.Add(prefix);
        }
        Assert.Equal(TunnelNetwork.ClientCount, prefixes.Distinct().Count());
    }

    [Fact]
    public async Task Tunnel_FromEachServer_CarriesPing6ToTheGateway()
    {
        foreach (var (site, _) in network.Clients)
        {
            Assert.Equal(site.Interface, await RouteDeviceAsync(site.Namespace.Name, network.Gateway));
            Assert.True(await site.Namespace.Ping6Async(network.Gateway), $"{site}: no reply from the gateway {network.Gateway}");
        }
    }

    [Fact]
    public async Task Tunnel_FromTheBrokersNamespace_CarriesPing6ToEachServersAddress()
    {
        foreach (var (run, (site, _)) in network.Requests.Zip(network.Clients))
        {
            var address = run.Body.GetProperty("tunnel").GetProperty("address").GetString()!.Split('/')[0];
            Assert.True(Ipv6Prefix.Parse(TunnelNetwork.AllocationOf(run).GetProperty("prefix").GetString()!).Contains(System.Net.IPAddress.Parse(address)));
            Assert.Equal(network.BrokerInterface, await RouteDeviceAsync(network.BrokerNamespace.Name, address));
            Assert.True(await network.BrokerNamespace.Ping6Async(address), $"no reply from {site}'s tunnel address {address}");
        }
    }

    [Fact]
    public async Task Api_Peers_EqualTheAllocations()
    {
        var allocations = await network.Daemon.GetAsync<List<AllocationView>>("api/allocations");
        var peers = await network.Daemon.GetAsync<List<PeerView>>("api/peers");

        var allocated = allocations!.Select(a => (a.WgPubkey, a.Prefix)).ToHashSet();
        var configured = peers!.Select(p => (p.PublicKey, Assert.Single(p.AllowedIps))).ToHashSet();
        var asked = network.Requests.Select(r => TunnelNetwork.AllocationOf(r))
            .Select(a => (a.GetProperty("wgPubkey").GetString()!, a.GetProperty("prefix").GetString()!)).ToHashSet();
        Assert.Equal(asked, allocated);
        Assert.Equal(allocated, configured);
    }

    [Fact]
    public async Task Chain_EachRequest_IsApprovedOnChainExactlyOnce()
    {
        var submitter = new RequestSubmitter(network.Chain, network.Daemon.EciesKey.PublicKey);
        foreach (var run in network.Requests)
        {
            var id = TunnelNetwork.AllocationOf(run).GetProperty("requestId").GetInt64();
            Assert.Equal(BrokerRequests.RequestStatus.Approved, (await submitter.ReadAsync(id)).Status);
            Assert.Equal(1, await submitter.CountResponsesAsync(id));
        }
    }

    [Fact]
    public async Task Status_EachServer_ReportsTheTunnelWithAHandshakeAndTheApprovedRequest()
    {
        foreach (var (run, (site, _)) in network.Requests.Zip(network.Clients))
        {
            // Traffic first, so the handshake is known whichever test ran before.
            Assert.True(await site.Namespace.Ping6Async(network.Gateway), $"{site}: no reply from the gateway");

            var status = await site.RunAsync("status", "--wg-interface", site.Interface,
                "--rpc-url", network.ClientRpcUrl, "--registry-contract", network.Chain.Contracts.BrokerRegistry);

            Assert.True(status.ExitCode == 0, $"{site}: {status}");
            var tunnel = status.Body.GetProperty("tunnel");
            Assert.True(tunnel.GetProperty("present").GetBoolean(), status.StdOut);
            Assert.Equal(TunnelNetwork.AllocationOf(run).GetProperty("brokerPubkey").GetString(), tunnel.GetProperty("peerKey").GetString());
            Assert.Equal(JsonValueKind.String, tunnel.GetProperty("latestHandshake").ValueKind);
            Assert.Equal("approved", status.Body.GetProperty("onChain").GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Request_WalletNotOwnerOfTheNft_IsRefusedBeforeSpendingGas()
    {
        var run = network.OutsiderRun;

        Assert.True(run.ExitCode == 5, $"expected exit 5 (not-nft-owner): {run}");
        Assert.Equal("not-nft-owner", run.Body.GetProperty("code").GetString());
        Assert.Equal(network.OutsiderBefore, network.OutsiderAfter);
        var allocations = await network.Daemon.GetAsync<List<AllocationView>>("api/allocations");
        Assert.DoesNotContain(allocations!, a => a.NftContract == network.OutsiderNft);
    }

    // The interface `ip -6 route get` picks for an address inside a namespace.
    private static async Task<string> RouteDeviceAsync(string ns, string address)
    {
        var output = await TestSupport.ProcessRunner.OutputAsync("ip", "-n", ns, "-6", "route", "get", address);
        var words = output.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words[Array.IndexOf(words, "dev") + 1];
    }
}
