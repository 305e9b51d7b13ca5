using BlockhostBroker.Grains.WireGuard;
using BlockhostBroker.TestSupport.Network;

namespace BlockhostBroker.Grains.Tests.WireGuard;

/// <summary>
/// A real tunnel: broker namespace ↔ client namespace over a veth pair, wireguard-go at both ends. The broker end
/// is provisioned and given the peer the way the broker does it; the client end is set up as a Blockhost server would.
/// </summary>
public sealed class TunnelTests
{
    private const string ClientPrefix = "2001:db8:f04::100/120";
    private const string ClientAddress = "2001:db8:f04::101/120";
    private const string Gateway = "2001:db8:f04::1";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClientPeerApplied_ClientPingsTheGatewayThroughTheTunnel()
    {
        await using var lab = await NetworkLab.CreateAsync();
        var tunnel = await BuildTunnelAsync(lab);

        var reachable = await tunnel.Client.Ping6Async(Gateway);
        var peer = Assert.Single((await tunnel.BrokerClient.GetDevice(tunnel.BrokerInterface, Ct)).Peers);

        Assert.True(reachable, "ping6 from the client namespace to the gateway through the tunnel failed");
        Assert.NotNull(peer.LatestHandshake);
        Assert.True(peer.ReceiveBytes > 0);
    }

    [Fact]
    public async Task ReconcileWithOtherChanges_LiveSessionIsNotDisturbed()
    {
        await using var lab = await NetworkLab.CreateAsync();
        var tunnel = await BuildTunnelAsync(lab);
        Assert.True(await tunnel.Client.Ping6Async(Gateway));
        var before = Assert.Single((await tunnel.BrokerClient.GetDevice(tunnel.BrokerInterface, Ct)).Peers);
        var desired = new Dictionary<string, string> { [tunnel.ClientPublicKey] = ClientPrefix, [TestKeys.Random()] = "2001:db8:f04::200/120" };

        var plan = PeerReconciler.Plan(desired, [before]);
        await tunnel.BrokerClient.ConfigureDevice(tunnel.BrokerInterface, plan.Config, Ct);
        var after = (await tunnel.BrokerClient.GetDevice(tunnel.BrokerInterface, Ct)).Peers.Single(p => p.PublicKey == tunnel.ClientPublicKey);

        // A removed and re-added peer would start again from zero counters and no handshake.
        Assert.Equal(new ReconcileReport(Added: 1, Removed: 0, Fixed: 0, Unchanged: 1), plan.Report);
        Assert.Equal(before.LatestHandshake, after.LatestHandshake);
        Assert.True(after.ReceiveBytes >= before.ReceiveBytes);
        Assert.True(await tunnel.Client.Ping6Async(Gateway, count: 1));
    }

    private sealed record Tunnel(NetworkNamespace Client, WgToolClient BrokerClient, string BrokerInterface, string ClientPublicKey);

    private static async Task<Tunnel> BuildTunnelAsync(NetworkLab lab)
    {
        var (options, brokerNs, brokerKey) = await WireGuardInterfaceProvisionerTests.GatewayOptionsAsync(lab);
        var clientNs = await lab.AddNamespaceAsync("client");
        var link = await lab.ConnectAsync(brokerNs, "fd00:7::1/64", clientNs, "fd00:7::2/64");
        await new WireGuardInterfaceProvisioner(options, new WireGuardToolRunner(brokerNs.Name)).Ensure(Ct);
        var clientKey = await lab.GenerateKeyPairAsync();
        var brokerClient = new WgToolClient(brokerNs.Name);
        await brokerClient.ConfigureDevice(options.Interface, new DeviceConfig { Peers = [PeerReconciler.Assign(clientKey.PublicKey, ClientPrefix)] }, Ct);

        var clientDevice = await lab.StartWireGuardGoAsync(clientNs);
        await new WgToolClient(clientNs.Name).ConfigureDevice(clientDevice.Name, new DeviceConfig
        {
            PrivateKeyFile = clientKey.PrivateKeyFile,
            Peers =
            [
                new PeerConfig(brokerKey.PublicKey)
                {
                    Endpoint = $"[{link.HostA}]:{options.ListenPort}",
                    ReplaceAllowedIps = true,
                    AllowedIps = [options.Upstream.ToString()],
                },
            ],
        }, Ct);
        await clientNs.ExecAsync("ip", "-6", "address", "add", ClientAddress, "dev", clientDevice.Name, "nodad");
        await clientNs.ExecAsync("ip", "link", "set", clientDevice.Name, "up");
        await clientNs.ExecAsync("ip", "-6", "route", "add", options.Upstream.ToString(), "dev", clientDevice.Name);
        return new Tunnel(clientNs, brokerClient, options.Interface, clientKey.PublicKey);
    }
}
