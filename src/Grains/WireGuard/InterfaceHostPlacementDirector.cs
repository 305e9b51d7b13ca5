using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace BlockhostBroker.Grains.WireGuard;

/// <summary>
/// Chooses the silo for <see cref="InterfaceHostPlacement"/>: among active, compatible silos, the one whose name is
/// the configured host of the interface (the grain key) or whose metadata lists the interface. When none is
/// active it fails with <see cref="InterfaceHostUnavailableException"/> rather than configure a missing interface.
/// </summary>
public sealed class InterfaceHostPlacementDirector(
    IClusterMembershipService membership,
    InterfaceHostRegistry hosts,
    IServiceProvider services) : IPlacementDirector
{
    /// <summary>Silo metadata key whose value is a comma-separated list of the interfaces a silo holds.</summary>
    public const string MetadataKey = "wireguard.interfaces";

    /// <inheritdoc />
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var iface = target.GrainIdentity.Key.ToString() ?? "";
        hosts.TryGetHostSilo(iface, out var configuredHost);
        var compatible = context.GetCompatibleSilos(target).ToHashSet();
        var metadata = services.GetService<ISiloMetadataCache>();
        var active = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && compatible.Contains(m.SiloAddress))
            .ToList();
        var holder = active
            .Where(m => m.Name == configuredHost || ListsInterface(metadata, m.SiloAddress, iface))
            .Select(m => m.SiloAddress)
            .OrderBy(a => a)
            .FirstOrDefault();
        return holder is not null
            ? Task.FromResult(holder)
            : throw new InterfaceHostUnavailableException(iface, configuredHost, [.. active.Select(m => m.Name).Order()]);
    }

    /// <summary>True when the metadata value lists the interface (comma-separated, spaces ignored).</summary>
    public static bool ListsInterface(string? metadataValue, string iface) =>
        metadataValue?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(iface) == true;

    private static bool ListsInterface(ISiloMetadataCache? cache, SiloAddress silo, string iface) =>
        cache is not null && ListsInterface(cache.GetSiloMetadata(silo).Metadata.GetValueOrDefault(MetadataKey), iface);
}
