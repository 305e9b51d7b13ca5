using BlockhostBroker.Grains.WireGuard;
using Microsoft.Extensions.Options;

namespace BlockhostBroker.Grains.Tests.WireGuard;

public sealed class WireGuardOptionsValidatorTests
{
    private static WireGuardOptions Valid() => new()
    {
        Interface = "wg-broker",
        PublicEndpoint = "203.0.113.10:51820",
        UpstreamPrefix = "2001:db8:f04::/48",
    };

    [Fact]
    public void Check_ValidOptions_HasNoFailures()
    {
        Assert.Empty(WireGuardOptionsValidator.Check(Valid()));
    }

    [Fact]
    public void GatewayCidr_NoGatewayAddress_IsUpstreamFirstHostWithUpstreamLength()
    {
        Assert.Equal("2001:db8:f04::1/48", Valid().GatewayCidr);
    }

    public static TheoryData<Action<WireGuardOptions>, string> BadSettings => new()
    {
        { o => o.Interface = "much-too-long-name", WireGuardOptions.InterfaceKey },
        { o => o.ListenPort = 0, WireGuardOptions.ListenPortKey },
        { o => o.PublicEndpoint = "", WireGuardOptions.PublicEndpointKey },
        { o => o.PublicEndpoint = "2001:db8::1:51820", WireGuardOptions.PublicEndpointKey },
        { o => o.PrivateKeyFile = "wg.key", WireGuardOptions.PrivateKeyFileKey },
        { o => o.UpstreamPrefix = "2001:db8:f04::1/48", WireGuardOptions.UpstreamPrefixKey },
        { o => o.UpstreamPrefix = "", WireGuardOptions.UpstreamPrefixKey },
        { o => o.GatewayAddress = "2001:db8:ffff::1", WireGuardOptions.GatewayAddressKey },
        { o => o.NetworkNamespace = "a/b", WireGuardOptions.NetworkNamespaceKey },
        { o => o.ConfigDirectory = "etc/wireguard", WireGuardOptions.ConfigDirectoryKey },
        { o => o.ReconcileInterval = TimeSpan.Zero, WireGuardOptions.ReconcileIntervalKey },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Check_BadSetting_FailureNamesTheConfigKey(Action<WireGuardOptions> spoil, string key)
    {
        var options = Valid();
        spoil(options);

        var failure = Assert.Single(WireGuardOptionsValidator.Check(options));

        Assert.StartsWith(key + ":", failure);
    }

    [Fact]
    public void EnsureValid_BadOptions_ThrowsOptionsValidationException()
    {
        var options = Valid();
        options.ListenPort = 70000;

        var error = Assert.Throws<OptionsValidationException>(() => WireGuardOptionsValidator.EnsureValid(options));

        Assert.Contains(WireGuardOptions.ListenPortKey, error.Message);
    }
}
