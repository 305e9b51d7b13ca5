using Orleans.Placement;
using Orleans.Runtime;

namespace BlockhostBroker.Grains.WireGuard;

/// <summary>
/// Places a grain keyed by an interface name on the silo that holds that interface: the silo named by the
/// interface's <see cref="WireGuardOptions.HostSilo"/>, or one whose silo metadata entry
/// <see cref="InterfaceHostPlacementDirector.MetadataKey"/> lists it. Never anywhere else.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("InterfaceHostPlacement")]
public sealed class InterfaceHostPlacement : PlacementStrategy
{
    /// <summary>The one instance the attribute uses; the strategy has no settings.</summary>
    public static InterfaceHostPlacement Instance { get; } = new();
}

/// <summary>Marks a grain class keyed by interface name to run only on the silo holding that interface.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class InterfaceHostPlacementAttribute() : PlacementAttribute(InterfaceHostPlacement.Instance);

/// <summary>Which silo holds which interface, as this silo's configuration says.</summary>
public sealed class InterfaceHostOptions
{
    /// <summary>Interface name → host silo name; an empty name means this silo.</summary>
    public Dictionary<string, string> Hosts { get; } = new(StringComparer.Ordinal);
}

/// <summary>Answers "which silo holds interface X" from configuration, resolving "this silo" to the local silo's name.</summary>
public sealed class InterfaceHostRegistry(Microsoft.Extensions.Options.IOptions<InterfaceHostOptions> options, ILocalSiloDetails localSilo)
{
    /// <summary>This silo's name.</summary>
    public string LocalSiloName => localSilo.Name;

    /// <summary>The configured host silo of an interface; false when this silo's configuration does not mention it.</summary>
    public bool TryGetHostSilo(string iface, out string siloName)
    {
        siloName = options.Value.Hosts.TryGetValue(iface, out var host) ? (host.Length == 0 ? localSilo.Name : host) : "";
        return siloName.Length > 0;
    }

    /// <summary>True when this silo holds the interface.</summary>
    public bool IsLocal(string iface) => TryGetHostSilo(iface, out var host) && host == localSilo.Name;

    /// <summary>The interfaces this silo holds, for its silo metadata.</summary>
    public IEnumerable<string> LocalInterfaces() => options.Value.Hosts.Keys.Where(IsLocal);
}
