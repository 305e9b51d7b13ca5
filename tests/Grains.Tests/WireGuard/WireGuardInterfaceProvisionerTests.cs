using BlockhostBroker.Grains.WireGuard;
using BlockhostBroker.TestSupport.Network;

namespace BlockhostBroker.Grains.Tests.WireGuard;

/// <summary>Provisioning a gateway interface in a fresh namespace (no kernel module here, so via wireguard-go).</summary>
public sealed class WireGuardInterfaceProvisionerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ensure_NoInterface_CreatesItWithKeyPortAddressAndLinkUp()
    {
        await using var lab = await NetworkLab.CreateAsync();
        var (options, ns, key) = await GatewayOptionsAsync(lab);
        var provisioner = new WireGuardInterfaceProvisioner(options, new WireGuardToolRunner(ns.Name));

        var backend = await provisioner.Ensure(Ct);
        var device = await new WgToolClient(ns.Name).GetDevice(options.Interface, Ct);

        Assert.NotEqual(WireGuardBackend.Existing, backend);
        Assert.Equal((key.PublicKey, 51821), (device.PublicKey, device.ListenPort));
        Assert.Contains("inet6 2001:db8:f04::1/48", await ns.ExecAsync("ip", "-6", "-o", "address", "show", "dev", options.Interface));
        Assert.Contains(",UP", await ns.ExecAsync("ip", "-o", "link", "show", "dev", options.Interface));
    }

    [Fact]
    public async Task Ensure_SecondRun_FindsTheInterfaceAndKeepsItsPeers()
    {
        await using var lab = await NetworkLab.CreateAsync();
        var (options, ns, key) = await GatewayOptionsAsync(lab);
        var provisioner = new WireGuardInterfaceProvisioner(options, new WireGuardToolRunner(ns.Name));
        var client = new WgToolClient(ns.Name);
        await provisioner.Ensure(Ct);
        var peer = TestKeys.Random();
        await client.ConfigureDevice(options.Interface, new DeviceConfig { Peers = [PeerReconciler.Assign(peer, "2001:db8:f04::100/120")] }, Ct);

        var backend = await provisioner.Ensure(Ct);
        var device = await client.GetDevice(options.Interface, Ct);

        Assert.Equal(WireGuardBackend.Existing, backend);
        Assert.Equal(key.PublicKey, device.PublicKey);
        Assert.Equal(peer, Assert.Single(device.Peers).PublicKey);
    }

    [Fact]
    public async Task Ensure_KeyFileMissing_ThrowsKeyFileError()
    {
        await using var lab = await NetworkLab.CreateAsync();
        var (options, ns, _) = await GatewayOptionsAsync(lab);
        options.PrivateKeyFile = Path.Combine(lab.TempDirectory, "missing.key");

        var error = await Assert.ThrowsAsync<WireGuardKeyFileException>(
            () => new WireGuardInterfaceProvisioner(options, new WireGuardToolRunner(ns.Name)).Ensure(Ct));

        Assert.Contains("missing.key", error.Message);
    }

    [Fact]
    public async Task PublicKey_KeyFile_MatchesWgPubkey()
    {
        await using var lab = await NetworkLab.CreateAsync();
        var (options, ns, key) = await GatewayOptionsAsync(lab);

        var publicKey = await new WireGuardInterfaceProvisioner(options, new WireGuardToolRunner(ns.Name)).PublicKey(Ct);

        Assert.Equal(key.PublicKey, publicKey);
    }

    internal static async Task<(WireGuardOptions Options, NetworkNamespace Ns, WireGuardKeyPair Key)> GatewayOptionsAsync(NetworkLab lab)
    {
        var ns = await lab.AddNamespaceAsync("gw");
        var key = await lab.GenerateKeyPairAsync();
        var options = new WireGuardOptions
        {
            Interface = NetworkLab.NewInterfaceName(),
            ListenPort = 51821,
            PublicEndpoint = "[fd00:7::1]:51821",
            PrivateKeyFile = key.PrivateKeyFile,
            UpstreamPrefix = "2001:db8:f04::/48",
            NetworkNamespace = ns.Name,
            ConfigDirectory = Path.Combine(lab.TempDirectory, "wireguard"),
        };
        return (options, ns, key);
    }
}
