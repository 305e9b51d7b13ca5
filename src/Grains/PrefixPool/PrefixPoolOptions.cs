using BlockhostBroker.Protocol.Addressing;
using Microsoft.Extensions.Options;

namespace BlockhostBroker.Grains.PrefixPool;

/// <summary>The prefix pool's configuration: the [broker] section of config.toml.</summary>
public sealed class PrefixPoolOptions
{
    /// <summary>Config key of <see cref="UpstreamPrefix"/>.</summary>
    public const string UpstreamPrefixKey = "[broker] upstream_prefix";

    /// <summary>Config key of <see cref="AllocationSize"/>.</summary>
    public const string AllocationSizeKey = "[broker] allocation_size";

    /// <summary>The IPv6 prefix routed to the broker, e.g. "2001:db8:f04::/48".</summary>
    public string UpstreamPrefix { get; set; } = "";

    /// <summary>The prefix length of each allocation (default 120).</summary>
    public int AllocationSize { get; set; } = AllocationPlan.DefaultAllocationLength;

    /// <summary>The validated plan; throws <see cref="PrefixPoolConfigurationException"/> naming the key at fault.</summary>
    public AllocationPlan ToPlan()
    {
        Ipv6Prefix upstream;
        try
        {
            upstream = Ipv6Prefix.Parse(UpstreamPrefix);
        }
        catch (Ipv6PrefixFormatException error)
        {
            throw new PrefixPoolConfigurationException($"{UpstreamPrefixKey}: {error.Message}", error);
        }
        try
        {
            return new AllocationPlan(upstream, AllocationSize);
        }
        catch (AllocationPlanException error)
        {
            throw new PrefixPoolConfigurationException($"{AllocationSizeKey}: {error.Message}", error);
        }
    }
}

/// <summary>Checks <see cref="PrefixPoolOptions"/> at start-up so a bad prefix stops the host with the key to fix.</summary>
public sealed class PrefixPoolOptionsValidator : IValidateOptions<PrefixPoolOptions>
{
    /// <summary>Fails with a message naming the config key when the options do not make a plan.</summary>
    public ValidateOptionsResult Validate(string? name, PrefixPoolOptions options)
    {
        try
        {
            options.ToPlan();
            return ValidateOptionsResult.Success;
        }
        catch (PrefixPoolConfigurationException error)
        {
            return ValidateOptionsResult.Fail(error.Message);
        }
    }
}
