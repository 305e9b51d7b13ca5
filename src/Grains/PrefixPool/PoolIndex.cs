namespace BlockhostBroker.Grains.PrefixPool;

/// <summary>
/// The pool's in-memory view: allocations by NFT contract, by WireGuard key and by index, plus which
/// indices are free. Free indices are a FIFO queue of ranges (the gaps left by releases, and released
/// indices in release order) ahead of a cursor that has never been handed out, so taking or
/// returning an index is O(1) whatever the number of allocations, and the oldest-released prefix is
/// reused first. No I/O here: the grain writes to the store and only then updates this view.
/// </summary>
internal sealed class PoolIndex
{
    private readonly Dictionary<string, Allocation> byContract = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Allocation> byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Allocation> byIndex = [];
    private readonly LinkedList<(long First, long Last)> free = new();
    private readonly long lastIndex;
    private long cursor;

    /// <summary>Builds the view from stored allocations (ordered by index) for indices 1..lastIndex.</summary>
    public PoolIndex(IEnumerable<Allocation> allocations, long firstIndex, long lastIndex)
    {
        this.lastIndex = lastIndex;
        cursor = firstIndex;
        foreach (var allocation in allocations)
        {
            if (allocation.Index > cursor) free.AddLast((cursor, allocation.Index - 1));
            cursor = Math.Max(cursor, allocation.Index + 1);
            Add(allocation);
        }
    }

    /// <summary>How many prefixes are held.</summary>
    public int Count => byIndex.Count;

    /// <summary>The allocation an NFT contract holds, if any.</summary>
    public Allocation? ByContract(string nftContract) => byContract.GetValueOrDefault(nftContract);

    /// <summary>The allocation using a WireGuard key, if any.</summary>
    public Allocation? ByKey(string wgPubkey) => byKey.GetValueOrDefault(wgPubkey);

    /// <summary>Every allocation, ordered by index.</summary>
    public IReadOnlyList<Allocation> All() => [.. byIndex.Values.OrderBy(a => a.Index)];

    /// <summary>Takes the next free index, or returns false when the pool is exhausted.</summary>
    public bool TryTake(out long index)
    {
        if (free.First is { } range)
        {
            index = range.Value.First;
            if (range.Value.First == range.Value.Last) free.RemoveFirst();
            else range.Value = (range.Value.First + 1, range.Value.Last);
            return true;
        }
        index = cursor;
        if (cursor > lastIndex) return false;
        cursor++;
        return true;
    }

    /// <summary>Gives back an index taken by <see cref="TryTake"/> whose write failed; it is handed out next.</summary>
    public void Untake(long index) => free.AddFirst((index, index));

    /// <summary>Records an allocation that is now in the store.</summary>
    public void Add(Allocation allocation)
    {
        byContract.Add(allocation.NftContract, allocation);
        byKey.Add(allocation.WgPubkey, allocation);
        byIndex.Add(allocation.Index, allocation);
    }

    /// <summary>Forgets a released allocation and queues its index for reuse.</summary>
    public void Release(Allocation allocation)
    {
        Forget(allocation);
        free.AddLast((allocation.Index, allocation.Index));
    }

    /// <summary>Swaps an allocation for its re-keyed version.</summary>
    public void Replace(Allocation old, Allocation updated)
    {
        Forget(old);
        Add(updated);
    }

    private void Forget(Allocation allocation)
    {
        byContract.Remove(allocation.NftContract);
        byKey.Remove(allocation.WgPubkey);
        byIndex.Remove(allocation.Index);
    }
}
