using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace BlockhostBroker.Grains.WireGuard;

/// <summary>Wires a WireGuard gateway into a silo: options, `wg` client, provisioner and interface-host placement.</summary>
public static class WireGuardSiloBuilderExtensions
{
    /// <summary>
    /// Registers one gateway interface. Call it on every silo of the cluster with the same options: the silo named
    /// by <see cref="WireGuardOptions.HostSilo"/> (or, when that is empty, this silo) runs the interface's grain,
    /// the others only place it there. A silo that holds the interface also publishes it in its silo metadata.
    /// Options are validated now and at start-up; errors name the config key.
    /// </summary>
    public static ISiloBuilder AddWireGuard(this ISiloBuilder builder, WireGuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        WireGuardOptionsValidator.EnsureValid(options);
        var services = builder.Services;
        var iface = options.Interface;

        services.AddOptions<WireGuardOptions>(iface).Configure(options.CopyTo).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WireGuardOptions>, WireGuardOptionsValidator>());
        services.Configure<InterfaceHostOptions>(o => o.Hosts[iface] = options.HostSilo);

        services.AddKeyedSingleton(iface, (_, _) => new WireGuardToolRunner(options.NetworkNamespace));
        services.TryAddKeyedSingleton<IWireGuardClient>(iface, (sp, key) => new WgToolClient(sp.GetRequiredKeyedService<WireGuardToolRunner>(key)));
        services.AddKeyedSingleton(iface, (sp, key) => new WireGuardInterfaceProvisioner(
            sp.GetRequiredService<IOptionsMonitor<WireGuardOptions>>().Get(iface), sp.GetRequiredKeyedService<WireGuardToolRunner>(key)));

        builder.AddWireGuardPlacement();
        if (options.HostSilo.Length == 0)
            PublishedInterfaces(builder).Add(iface);
        builder.AddStartupTask((sp, _) => ActivateIfLocal(sp, iface));
        return builder;
    }

    // The holder activates the grain at start-up, so the interface is provisioned and reconciled with the pool
    // after a reboot without waiting for the first request. A failure is logged, not fatal: the silo serves
    // other work and the next call activates the grain again.
    private static async Task ActivateIfLocal(IServiceProvider services, string iface)
    {
        if (!services.GetRequiredService<InterfaceHostRegistry>().IsLocal(iface))
            return;
        try
        {
            await services.GetRequiredService<IGrainFactory>().GetGrain<IWireGuardGrain>(iface).Reconcile();
        }
        catch (Exception e)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WireGuardGrain))
                .LogError(e, "WireGuard {Interface} could not be brought up at start-up; the next call retries", iface);
        }
    }

    /// <summary>
    /// Registers only the interface-host placement, for a silo that holds no interface but may place WireGuard
    /// grains: it finds their silos by the configured host names or the holders' silo metadata, so it turns
    /// Orleans silo metadata on (<c>UseSiloMetadata</c>; a host calling that too only adds its own entries). Idempotent.
    /// </summary>
    public static ISiloBuilder AddWireGuardPlacement(this ISiloBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(InterfaceHostRegistry)))
            return builder;
        builder.Services.AddOptions<InterfaceHostOptions>();
        builder.Services.AddSingleton<InterfaceHostRegistry>();
        builder.AddPlacementDirector<InterfaceHostPlacement, InterfaceHostPlacementDirector>();
        PublishedInterfaces(builder);
        return builder;
    }

    // Silo metadata is fixed once the silo starts, so the list is built here. Orleans reads the dictionary when
    // the SiloMetadata options are first resolved, so later AddWireGuard calls extend the same dictionary.
    private static LocalInterfaceList PublishedInterfaces(ISiloBuilder builder)
    {
        var existing = builder.Services
            .Select(d => d.IsKeyedService ? null : d.ImplementationInstance)
            .OfType<LocalInterfaceList>()
            .FirstOrDefault();
        if (existing is not null)
            return existing;
        var list = new LocalInterfaceList();
        builder.Services.AddSingleton(list);
        builder.UseSiloMetadata(list.Metadata);
        return list;
    }

    private sealed class LocalInterfaceList
    {
        public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

        public void Add(string iface) => Metadata[InterfaceHostPlacementDirector.MetadataKey] =
            Metadata.TryGetValue(InterfaceHostPlacementDirector.MetadataKey, out var list) ? $"{list},{iface}" : iface;
    }
}
