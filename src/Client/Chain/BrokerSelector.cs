using BlockhostBroker.Client.Cli;

namespace BlockhostBroker.Client.Chain;

/// <summary>Chooses among active brokers: those with room, the one with the most free slots (unlimited first), then the lowest id.</summary>
public static class BrokerSelector
{
    /// <summary>The chosen broker; throws <see cref="NoActiveBrokerException"/> when none is active, has room and a valid key.</summary>
    public static BrokerListing Choose(IReadOnlyList<BrokerListing> active, string? region)
    {
        var where = region is null ? "" : $" in region '{region}'";
        if (active.Count == 0)
            throw new NoActiveBrokerException($"no active broker{where} in the registry", "try another --region, or `broker-client list-brokers`");
        var usable = active.Where(b => b.Active && b.HasRoom && b.TryGetKey() is not null).ToList();
        if (usable.Count == 0)
            throw new NoActiveBrokerException($"every active broker{where} is at capacity ({active.Count} listed)", "try again later or another --region");
        return usable
            .OrderByDescending(b => b.FreeSlots is null)
            .ThenByDescending(b => b.FreeSlots ?? 0)
            .ThenBy(b => b.Id)
            .First();
    }
}
