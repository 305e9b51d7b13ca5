using BlockhostBroker.Grains.PrefixPool;

namespace BlockhostBroker.Grains.Storage;

/// <summary>The upstream prefix and allocation size that stored allocation indices were computed with.</summary>
public sealed record PoolSettings(string UpstreamPrefix, int AllocationSize);

/// <summary>What happened to an allocation, as recorded in its history.</summary>
public enum AllocationEventKind
{
    /// <summary>A prefix was given to an NFT contract.</summary>
    Allocated,

    /// <summary>The prefix went back to the pool.</summary>
    Released,

    /// <summary>The holder's WireGuard key changed; the prefix stayed.</summary>
    Rekeyed,
}

/// <summary>One entry of the append-only allocation history.</summary>
public sealed record AllocationEvent(
    AllocationEventKind Kind, long Index, string Prefix, string NftContract, string WgPubkey, DateTimeOffset At);

/// <summary>
/// Durable storage of the prefix pool: one row per allocation plus an append-only history, each
/// change in its own transaction. Unique rules (one holder per prefix, one prefix per NFT contract,
/// one contract per WireGuard key) are enforced by the database and surface as
/// <see cref="AllocationConstraintException"/>, never as a second row.
/// </summary>
public interface IAllocationStore
{
    /// <summary>Records the pool's settings if none are stored yet, and returns the stored ones.</summary>
    Task<PoolSettings> EnsurePoolAsync(PoolSettings wanted, CancellationToken cancellationToken = default);

    /// <summary>Every allocation, ordered by prefix index.</summary>
    Task<IReadOnlyList<Allocation>> LoadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a new allocation and its history entry in one transaction.</summary>
    Task InsertAsync(Allocation allocation, CancellationToken cancellationToken = default);

    /// <summary>Removes an NFT contract's allocation and records the release; false when it held none.</summary>
    Task<bool> DeleteAsync(string nftContract, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Changes the WireGuard key of an NFT contract's allocation and records it; false when it held none.</summary>
    Task<bool> UpdateKeyAsync(string nftContract, string wgPubkey, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The history of one NFT contract, oldest first.</summary>
    Task<IReadOnlyList<AllocationEvent>> ReadHistoryAsync(string nftContract, CancellationToken cancellationToken = default);
}

/// <summary>Which stored rule a write broke.</summary>
public enum AllocationConstraint
{
    /// <summary>The prefix index (or prefix text) is already held.</summary>
    Prefix,

    /// <summary>The NFT contract already holds a prefix.</summary>
    NftContract,

    /// <summary>Another allocation already uses the WireGuard key.</summary>
    WgPubkey,

    /// <summary>A value failed a CHECK rule (reserved index 0, not lowercase, wrong key length).</summary>
    Check,
}

/// <summary>A write the database refused because it would break one of the pool's rules.</summary>
[GenerateSerializer, Alias("AllocationConstraintException")]
public sealed class AllocationConstraintException(AllocationConstraint constraint, string message, Exception inner)
    : InvalidOperationException(message, inner)
{
    /// <summary>The rule that was broken.</summary>
    [Id(0)]
    public AllocationConstraint Constraint { get; } = constraint;
}
