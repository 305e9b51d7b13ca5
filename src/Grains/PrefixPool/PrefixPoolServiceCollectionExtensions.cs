using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BlockhostBroker.Grains.PrefixPool;

/// <summary>Wires the prefix pool into a silo.</summary>
public static class PrefixPoolServiceCollectionExtensions
{
    /// <summary>Registers the pool's options (validated at start-up, errors name the config key) and a clock; the store comes from the storage wiring.</summary>
    public static IServiceCollection AddPrefixPool(this IServiceCollection services, Action<PrefixPoolOptions> configure)
    {
        services.AddOptions<PrefixPoolOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrefixPoolOptions>, PrefixPoolOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
