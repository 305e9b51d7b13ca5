namespace BlockhostBroker.Grains.PrefixPool;

/// <summary>One prefix held by one NFT contract: the pool's unit of allocation.</summary>
[GenerateSerializer, Immutable, Alias("Allocation")]
public sealed record Allocation(
    [property: Id(0)] long Index,
    [property: Id(1)] string Prefix,
    [property: Id(2)] string NftContract,
    [property: Id(3)] string WgPubkey,
    [property: Id(4)] DateTimeOffset AllocatedAt);

/// <summary>What an allocation attempt produced; exhaustion and key clashes are results, not exceptions.</summary>
[GenerateSerializer, Immutable, Alias("AllocationResult")]
public abstract record AllocationResult
{
    /// <summary>The NFT contract holds this prefix (newly or from an earlier call).</summary>
    [GenerateSerializer, Immutable, Alias("AllocationResult.Allocated")]
    public sealed record Allocated([property: Id(0)] Allocation Allocation) : AllocationResult;

    /// <summary>Every prefix of the upstream range is taken.</summary>
    [GenerateSerializer, Immutable, Alias("AllocationResult.Exhausted")]
    public sealed record Exhausted([property: Id(0)] long Capacity) : AllocationResult;

    /// <summary>Another NFT contract's allocation already uses this WireGuard key.</summary>
    [GenerateSerializer, Immutable, Alias("AllocationResult.KeyInUse")]
    public sealed record KeyInUse([property: Id(0)] string HeldByNftContract) : AllocationResult;
}

/// <summary>How full the pool is.</summary>
[GenerateSerializer, Immutable, Alias("PoolUsage")]
public sealed record PoolUsage(
    [property: Id(0)] string UpstreamPrefix,
    [property: Id(1)] int AllocationSize,
    [property: Id(2)] long Capacity,
    [property: Id(3)] long Allocated);

/// <summary>The singleton IPAM grain (key 0): the only allocator of prefixes.</summary>
[Alias("IPrefixPoolGrain")]
public interface IPrefixPoolGrain : IGrainWithIntegerKey
{
    /// <summary>Allocates the next free prefix to an NFT contract, or returns the one it already holds.</summary>
    [Alias("Allocate")]
    Task<AllocationResult> Allocate(string nftContract, string wgPubkey);

    /// <summary>Returns an NFT contract's prefix to the pool; false when it held none.</summary>
    [Alias("Release")]
    Task<bool> Release(string nftContract);

    /// <summary>The allocation an NFT contract holds, if any.</summary>
    [Alias("Get")]
    Task<Allocation?> Get(string nftContract);

    /// <summary>Every current allocation, ordered by prefix index.</summary>
    [Alias("List")]
    Task<IReadOnlyList<Allocation>> List();

    /// <summary>Capacity and use of the pool.</summary>
    [Alias("GetUsage")]
    Task<PoolUsage> GetUsage();
}
