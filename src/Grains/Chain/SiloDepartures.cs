namespace BlockhostBroker.Grains.Chain;

/// <summary>
/// Notices silos leaving the cluster between two looks at the membership: work their grains held (requests mid-way,
/// hand-overs in flight) waits for reminders unless someone wakes it, so the watcher catches up when this says so.
/// </summary>
public sealed class SiloDepartures
{
    private HashSet<SiloAddress>? _active;

    /// <summary>Records the active silos now; true when one that was active at the last look no longer is (never on the first look).</summary>
    public bool Observe(IEnumerable<SiloAddress> active)
    {
        var now = active.ToHashSet();
        var left = _active is not null && !_active.IsSubsetOf(now);
        _active = now;
        return left;
    }
}
