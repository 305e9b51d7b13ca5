using BlockhostBroker.Grains.PrefixPool;

namespace BlockhostBroker.Grains.Tests.PrefixPool;

/// <summary>Start-up validation of the [broker] prefix settings: each failure names its config key.</summary>
public sealed class PrefixPoolOptionsTests
{
    [Theory]
    [InlineData("", 120, PrefixPoolOptions.UpstreamPrefixKey)]
    [InlineData("2001:db8:f04::1/48", 120, PrefixPoolOptions.UpstreamPrefixKey)]
    [InlineData("192.0.2.0/24", 120, PrefixPoolOptions.UpstreamPrefixKey)]
    [InlineData("2001:db8:f04::/48", 48, PrefixPoolOptions.AllocationSizeKey)]
    [InlineData("2001:db8:f04::/48", 128, PrefixPoolOptions.AllocationSizeKey)]
    public void Validate_BadSettings_FailNamingTheKey(string upstream, int size, string key)
    {
        var options = new PrefixPoolOptions { UpstreamPrefix = upstream, AllocationSize = size };

        var result = new PrefixPoolOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.StartsWith(key, result.FailureMessage);
    }

    [Fact]
    public void Validate_HostBitsSet_SuggestsTheCanonicalPrefix()
    {
        var result = new PrefixPoolOptionsValidator().Validate(null, new PrefixPoolOptions { UpstreamPrefix = "2001:db8:f04::1/48" });

        Assert.Contains("2001:db8:f04::/48", result.FailureMessage);
    }

    [Fact]
    public void ToPlan_Defaults_Are120BitAllocations()
    {
        var plan = new PrefixPoolOptions { UpstreamPrefix = "2001:db8:f04::/48" }.ToPlan();

        Assert.Equal(120, plan.AllocationLength);
        Assert.Equal("2001:db8:f04::1", plan.Gateway.ToString());
    }
}
