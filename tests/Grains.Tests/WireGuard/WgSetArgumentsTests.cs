using BlockhostBroker.Grains.WireGuard;

namespace BlockhostBroker.Grains.Tests.WireGuard;

public sealed class WgSetArgumentsTests
{
    private static readonly string KeyA = TestKeys.Fixed(1);
    private static readonly string KeyB = TestKeys.Fixed(2);
    private static readonly Func<string, IReadOnlyList<string>> NoCurrent = _ => [];

    [Fact]
    public void Build_ManyPeers_IsOneSetCommandWithAClausePerPeer()
    {
        var config = new DeviceConfig
        {
            ListenPort = 51820,
            PrivateKeyFile = "/etc/blockhost-broker/wg.key",
            Peers = [PeerReconciler.Assign(KeyA, "2001:db8:f04::100/120"), new PeerConfig(KeyB) { Remove = true }],
        };

        var args = WgSetArguments.Build("wg-broker", config, NoCurrent);

        Assert.Equal(
            ["set", "wg-broker", "listen-port", "51820", "private-key", "/etc/blockhost-broker/wg.key",
             "peer", KeyA, "allowed-ips", "2001:db8:f04::100/120", "peer", KeyB, "remove"],
            args);
    }

    [Fact]
    public void Build_AdditiveAllowedIps_SendsUnionWithCurrent()
    {
        var config = new DeviceConfig { Peers = [new PeerConfig(KeyA) { AllowedIps = ["2001:db8:f04::200/120"] }] };

        var args = WgSetArguments.Build("wg0", config, _ => ["2001:db8:f04::100/120"]);

        Assert.Equal("2001:db8:f04::100/120,2001:db8:f04::200/120", args[^1]);
        Assert.True(WgSetArguments.NeedsCurrentAllowedIps(config));
    }

    [Fact]
    public void Build_ReplaceWithNoAllowedIps_ClearsThemWithAnEmptyArgument()
    {
        var config = new DeviceConfig { Peers = [new PeerConfig(KeyA) { ReplaceAllowedIps = true }] };

        var args = WgSetArguments.Build("wg0", config, _ => ["2001:db8:f04::100/120"]);

        Assert.Equal(["set", "wg0", "peer", KeyA, "allowed-ips", ""], args);
    }

    [Fact]
    public void Build_EndpointAndKeepalive_AreSentForThePeer()
    {
        var config = new DeviceConfig { Peers = [new PeerConfig(KeyA) { Endpoint = "[fd00::1]:51820", PersistentKeepaliveSeconds = 25 }] };

        var args = WgSetArguments.Build("wg0", config, NoCurrent);

        Assert.Equal(["set", "wg0", "peer", KeyA, "endpoint", "[fd00::1]:51820", "persistent-keepalive", "25"], args);
    }

    [Fact]
    public void Build_MalformedPeerKey_ThrowsKeyFormatError()
    {
        var config = new DeviceConfig { Peers = [new PeerConfig("remove")] };

        Assert.Throws<WireGuardKeyFormatException>(() => WgSetArguments.Build("wg0", config, NoCurrent));
    }

    [Fact]
    public void Build_RelativePrivateKeyPath_IsRejected()
    {
        var config = new DeviceConfig { PrivateKeyFile = "wg.key" };

        var error = Assert.Throws<ArgumentException>(() => WgSetArguments.Build("wg0", config, NoCurrent));
        Assert.Contains("absolute path", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("wg-name-too-long")]
    [InlineData("-h")]
    [InlineData("wg 0")]
    public void Build_InvalidInterfaceName_IsRejected(string name)
    {
        Assert.Throws<ArgumentException>(() => WgSetArguments.Build(name, new DeviceConfig(), NoCurrent));
    }

    [Fact]
    public void Build_MalformedAllowedIp_ThrowsAllowedIpFormatError()
    {
        var config = new DeviceConfig { Peers = [PeerReconciler.Assign(KeyA, "2001:db8::/120") with { AllowedIps = ["2001:db8::/129"] }] };

        Assert.Throws<AllowedIpFormatException>(() => WgSetArguments.Build("wg0", config, NoCurrent));
    }
}
