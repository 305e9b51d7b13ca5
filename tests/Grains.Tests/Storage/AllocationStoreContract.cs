using BlockhostBroker.Grains.Storage;

namespace BlockhostBroker.Grains.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IAllocationStore"/> must have, run against each real database by
/// the subclasses. Each test works on its own rows, so a class may share one migrated database.
/// </summary>
public abstract class AllocationStoreContract
{
    private static long nextIndex = 1000;

    /// <summary>The store under test, on a migrated database.</summary>
    protected abstract IAllocationStore Store { get; }

    /// <summary>The running test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An index no other test in the run uses.</summary>
    protected static long FreshIndex() => Interlocked.Increment(ref nextIndex);

    [Fact]
    public async Task Insert_ThenLoadAll_ReturnsTheRowUnchanged()
    {
        var allocation = TestData.Allocation(FreshIndex());

        await Store.InsertAsync(allocation, Ct);
        var rows = await Store.LoadAllAsync(Ct);

        Assert.Contains(allocation, rows);
    }

    [Fact]
    public async Task Insert_MicrosecondTimestamp_RoundTripsExactly()
    {
        var at = new DateTimeOffset(2026, 11, 25, 7, 2, 31, TimeSpan.Zero).AddTicks(1_234_567 / 10 * 10);
        var allocation = TestData.Allocation(FreshIndex()) with { AllocatedAt = at };

        await Store.InsertAsync(allocation, Ct);

        Assert.Equal(at, (await Store.LoadAllAsync(Ct)).Single(a => a.Index == allocation.Index).AllocatedAt);
    }

    [Fact]
    public async Task LoadAll_ManyRows_AreOrderedByIndex()
    {
        var indices = new[] { FreshIndex(), FreshIndex(), FreshIndex() };
        foreach (var index in indices.Reverse()) await Store.InsertAsync(TestData.Allocation(index), Ct);

        var rows = await Store.LoadAllAsync(Ct);

        Assert.Equal(rows.Select(r => r.Index).Order(), rows.Select(r => r.Index));
    }

    [Fact]
    public async Task Insert_IndexAlreadyHeld_ThrowsPrefixConstraint()
    {
        var first = TestData.Allocation(FreshIndex());
        await Store.InsertAsync(first, Ct);

        var error = await Assert.ThrowsAsync<AllocationConstraintException>(() => Store.InsertAsync(TestData.Allocation(first.Index), Ct));

        Assert.Equal(AllocationConstraint.Prefix, error.Constraint);
    }

    [Fact]
    public async Task Insert_ContractAlreadyHolding_ThrowsNftContractConstraintAndStoresNothing()
    {
        var first = TestData.Allocation(FreshIndex());
        await Store.InsertAsync(first, Ct);
        var second = TestData.Allocation(FreshIndex(), contract: first.NftContract);

        var error = await Assert.ThrowsAsync<AllocationConstraintException>(() => Store.InsertAsync(second, Ct));

        Assert.Equal(AllocationConstraint.NftContract, error.Constraint);
        Assert.DoesNotContain(await Store.LoadAllAsync(Ct), a => a.Index == second.Index);
        Assert.Single(await Store.ReadHistoryAsync(first.NftContract, Ct));
    }

    [Fact]
    public async Task Insert_KeyAlreadyUsed_ThrowsWgPubkeyConstraint()
    {
        var first = TestData.Allocation(FreshIndex());
        await Store.InsertAsync(first, Ct);

        var error = await Assert.ThrowsAsync<AllocationConstraintException>(
            () => Store.InsertAsync(TestData.Allocation(FreshIndex(), key: first.WgPubkey), Ct));

        Assert.Equal(AllocationConstraint.WgPubkey, error.Constraint);
    }

    [Fact]
    public async Task Insert_ReservedIndexZero_ThrowsCheckConstraint()
    {
        var error = await Assert.ThrowsAsync<AllocationConstraintException>(() => Store.InsertAsync(TestData.Allocation(0), Ct));

        Assert.Equal(AllocationConstraint.Check, error.Constraint);
    }

    [Fact]
    public async Task Insert_UppercaseContract_ThrowsCheckConstraint()
    {
        var shouting = "0x" + TestData.Contract()[2..].ToUpperInvariant();

        var error = await Assert.ThrowsAsync<AllocationConstraintException>(
            () => Store.InsertAsync(TestData.Allocation(FreshIndex(), contract: shouting), Ct));

        Assert.Equal(AllocationConstraint.Check, error.Constraint);
    }

    [Fact]
    public async Task Delete_HeldContract_RemovesRowAndRecordsRelease()
    {
        var allocation = TestData.Allocation(FreshIndex());
        await Store.InsertAsync(allocation, Ct);

        var deleted = await Store.DeleteAsync(allocation.NftContract, DateTimeOffset.UtcNow, Ct);

        Assert.True(deleted);
        Assert.DoesNotContain(await Store.LoadAllAsync(Ct), a => a.NftContract == allocation.NftContract);
        var history = await Store.ReadHistoryAsync(allocation.NftContract, Ct);
        Assert.Equal([AllocationEventKind.Allocated, AllocationEventKind.Released], history.Select(e => e.Kind));
        Assert.All(history, e => Assert.Equal(allocation.Prefix, e.Prefix));
    }

    [Fact]
    public async Task Delete_UnknownContract_ReturnsFalse()
    {
        Assert.False(await Store.DeleteAsync(TestData.Contract(), DateTimeOffset.UtcNow, Ct));
    }

    [Fact]
    public async Task UpdateKey_FreeKey_ChangesKeyAndRecordsIt()
    {
        var allocation = TestData.Allocation(FreshIndex());
        await Store.InsertAsync(allocation, Ct);
        var newKey = TestData.Key();

        var updated = await Store.UpdateKeyAsync(allocation.NftContract, newKey, DateTimeOffset.UtcNow, Ct);

        Assert.True(updated);
        Assert.Contains(await Store.LoadAllAsync(Ct), a => a == allocation with { WgPubkey = newKey });
        Assert.Equal(AllocationEventKind.Rekeyed, (await Store.ReadHistoryAsync(allocation.NftContract, Ct))[^1].Kind);
    }

    [Fact]
    public async Task UpdateKey_KeyOfAnotherAllocation_ThrowsWgPubkeyConstraintAndKeepsOldKey()
    {
        var mine = TestData.Allocation(FreshIndex());
        var theirs = TestData.Allocation(FreshIndex());
        await Store.InsertAsync(mine, Ct);
        await Store.InsertAsync(theirs, Ct);

        var error = await Assert.ThrowsAsync<AllocationConstraintException>(
            () => Store.UpdateKeyAsync(mine.NftContract, theirs.WgPubkey, DateTimeOffset.UtcNow, Ct));

        Assert.Equal(AllocationConstraint.WgPubkey, error.Constraint);
        Assert.Contains(mine, await Store.LoadAllAsync(Ct));
    }

    [Fact]
    public async Task UpdateKey_UnknownContract_ReturnsFalse()
    {
        Assert.False(await Store.UpdateKeyAsync(TestData.Contract(), TestData.Key(), DateTimeOffset.UtcNow, Ct));
    }

    [Fact]
    public async Task EnsurePool_SecondCallWithOtherSettings_ReturnsTheFirstOnes()
    {
        var first = new PoolSettings("2001:db8:f04::/48", 120);

        var stored = await Store.EnsurePoolAsync(first, Ct);
        var again = await Store.EnsurePoolAsync(new PoolSettings("2001:db8:f05::/48", 112), Ct);

        Assert.Equal(stored, again);
    }
}
