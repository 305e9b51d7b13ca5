using BlockhostBroker.Grains.Storage;
using BlockhostBroker.Protocol.Addressing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlockhostBroker.Grains.PrefixPool;

/// <summary>
/// The singleton IPAM (key 0). Allocations live in their own table (<see cref="IAllocationStore"/>),
/// loaded once at activation into an in-memory index; every change is written to the store before
/// the caller is answered, so a crash never loses or duplicates an allocation. Calls are serialized
/// by the grain, and the store's unique rules catch the rare second activation during a partition.
/// </summary>
public sealed partial class PrefixPoolGrain(
    IAllocationStore store,
    IOptions<PrefixPoolOptions> options,
    TimeProvider clock,
    ILogger<PrefixPoolGrain> logger) : Grain, IPrefixPoolGrain
{
    /// <summary>The only key the pool answers on.</summary>
    public const long SingletonKey = 0;

    private AllocationPlan plan = null!;
    private PoolIndex pool = null!;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The allocations table is global: a second pool key would allocate from the same prefixes.
        if (this.GetPrimaryKeyLong() != SingletonKey)
            throw new PrefixPoolConfigurationException($"the prefix pool answers only on key {SingletonKey}, not {this.GetPrimaryKeyLong()}");
        plan = options.Value.ToPlan();
        var wanted = new PoolSettings(plan.Upstream.ToString(), plan.AllocationLength);
        var stored = await store.EnsurePoolAsync(wanted, cancellationToken);
        if (stored != wanted)
            throw new PrefixPoolConfigurationException(
                $"the allocation store was built for {stored.UpstreamPrefix} in /{stored.AllocationSize} prefixes, but " +
                $"{PrefixPoolOptions.UpstreamPrefixKey} = {wanted.UpstreamPrefix} and {PrefixPoolOptions.AllocationSizeKey} = {wanted.AllocationSize}; " +
                "stored indices would name other prefixes: restore the old values or start from an empty store");
        var rows = await store.LoadAllAsync(cancellationToken);
        pool = new PoolIndex(rows, AllocationPlan.FirstAllocatableIndex, plan.UsableCapacityCapped);
        LogLoaded(plan.Upstream.ToString(), plan.AllocationLength, pool.Count);
    }

    /// <inheritdoc />
    public async Task<AllocationResult> Allocate(string nftContract, string wgPubkey)
    {
        var contract = AllocationRequest.NormalizeContract(nftContract);
        var key = AllocationRequest.CheckKey(wgPubkey);
        var holderOfKey = pool.ByKey(key);
        if (holderOfKey is not null && holderOfKey.NftContract != contract)
            return new AllocationResult.KeyInUse(holderOfKey.NftContract);
        if (pool.ByContract(contract) is { } existing)
            return new AllocationResult.Allocated(existing.WgPubkey == key ? existing : await RekeyAsync(existing, key));
        if (!pool.TryTake(out var index))
            return new AllocationResult.Exhausted(plan.UsableCapacityCapped);

        var allocation = new Allocation(index, plan.PrefixAt(index).ToString(), contract, key, Now());
        try
        {
            await store.InsertAsync(allocation);
        }
        catch (Exception error) // any failure: the index goes back and the view is reloaded; the caller sees the error
        {
            pool.Untake(index);
            ResyncAfter(error);
            throw;
        }
        pool.Add(allocation);
        LogAllocated(allocation.Prefix, contract);
        return new AllocationResult.Allocated(allocation);
    }

    /// <inheritdoc />
    public async Task<bool> Release(string nftContract)
    {
        var contract = AllocationRequest.NormalizeContract(nftContract);
        if (pool.ByContract(contract) is not { } allocation) return false;
        try
        {
            if (!await store.DeleteAsync(contract, Now()))
                throw new PrefixPoolOutOfSyncException($"{contract} holds {allocation.Prefix} in memory but not in the store; the pool will reload");
        }
        catch (Exception error)
        {
            ResyncAfter(error);
            throw;
        }
        pool.Release(allocation);
        LogReleased(allocation.Prefix, contract);
        return true;
    }

    /// <inheritdoc />
    public Task<Allocation?> Get(string nftContract) =>
        Task.FromResult(pool.ByContract(AllocationRequest.NormalizeContract(nftContract)));

    /// <inheritdoc />
    public Task<IReadOnlyList<Allocation>> List() => Task.FromResult(pool.All());

    /// <inheritdoc />
    public Task<PoolUsage> GetUsage() => Task.FromResult(
        new PoolUsage(plan.Upstream.ToString(), plan.AllocationLength, plan.UsableCapacityCapped, pool.Count));

    // The current owner of an NFT contract asked again with a new key (e.g. a re-installed server):
    // the contract keeps its prefix and the peer's key follows the latest verified request.
    private async Task<Allocation> RekeyAsync(Allocation existing, string key)
    {
        var updated = existing with { WgPubkey = key };
        try
        {
            if (!await store.UpdateKeyAsync(existing.NftContract, key, Now()))
                throw new PrefixPoolOutOfSyncException($"{existing.NftContract} holds {existing.Prefix} in memory but not in the store; the pool will reload");
        }
        catch (Exception error)
        {
            ResyncAfter(error);
            throw;
        }
        pool.Replace(existing, updated);
        LogRekeyed(existing.Prefix, existing.NftContract);
        return updated;
    }

    // Stores keep microseconds (PostgreSQL's timestamptz); what callers get now must equal what a
    // reloaded pool returns later, so sub-microsecond ticks are dropped before anything is written.
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMicrosecond));
    }

    // A refused write means the store knows something this activation does not (another activation
    // wrote meanwhile, or an operator edited rows): drop this view so the next call reloads it.
    private void ResyncAfter(Exception error)
    {
        LogWriteFailed(error);
        DeactivateOnIdle();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Prefix pool {Upstream} in /{Size} prefixes loaded with {Count} allocations")]
    private partial void LogLoaded(string upstream, int size, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Allocated {Prefix} to {NftContract}")]
    private partial void LogAllocated(string prefix, string nftContract);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released {Prefix} from {NftContract}")]
    private partial void LogReleased(string prefix, string nftContract);

    [LoggerMessage(Level = LogLevel.Information, Message = "Changed the WireGuard key of {Prefix} held by {NftContract}")]
    private partial void LogRekeyed(string prefix, string nftContract);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The allocation store refused a write; the pool reloads on its next call")]
    private partial void LogWriteFailed(Exception error);
}
