using Orleans.Configuration;

namespace BlockhostBroker.Grains.Tests.Storage;

/// <summary>
/// The IReminderTable contract Orleans' reminder service relies on, for any store: each test gets a started table for
/// a service id of its own, so tests sharing one database never see each other's rows.
/// </summary>
public abstract class ReminderTableContract : IAsyncLifetime
{
    private IReminderTable? _table;

    /// <summary>This test's table.</summary>
    protected IReminderTable Table => _table ?? throw new InvalidOperationException("the table is not started");

    /// <summary>A started table on the store for one service id.</summary>
    protected abstract Task<IReminderTable> TableForAsync(string serviceId);

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => _table = await TableForAsync(Guid.NewGuid().ToString("N"));

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task UpsertRow_NewReminder_CanBeReadBackWithItsETag()
    {
        var entry = Entry(Grain(1), "tick", period: TimeSpan.FromMinutes(5));

        var etag = await Table.UpsertRow(entry, Ct);
        var read = await Table.ReadRow(entry.GrainId, "tick", Ct);

        Assert.NotNull(etag);
        Assert.NotNull(read);
        Assert.Equal((entry.GrainId, entry.StartAt, entry.Period, etag), (read.GrainId, read.StartAt, read.Period, read.ETag));
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
    }

    [Fact]
    public async Task UpsertRow_Existing_ReplacesValuesAndChangesTheETag()
    {
        var grain = Grain(2);
        var first = await Table.UpsertRow(Entry(grain, "tick", period: TimeSpan.FromMinutes(1)), Ct);

        var second = await Table.UpsertRow(Entry(grain, "tick", period: TimeSpan.FromMinutes(2)), Ct);

        Assert.NotEqual(first, second);
        var read = await Table.ReadRow(grain, "tick", Ct);
        Assert.Equal(TimeSpan.FromMinutes(2), read!.Period);
        Assert.Single((await Table.ReadRows(grain, Ct)).Reminders);
    }

    [Fact]
    public async Task RemoveRow_StaleETag_ReturnsFalseAndKeepsTheRow()
    {
        var grain = Grain(3);
        var stale = await Table.UpsertRow(Entry(grain, "tick"), Ct);
        await Table.UpsertRow(Entry(grain, "tick"), Ct);

        var removed = await Table.RemoveRow(grain, "tick", stale!, Ct);

        Assert.False(removed);
        Assert.NotNull(await Table.ReadRow(grain, "tick", Ct));
    }

    [Fact]
    public async Task RemoveRow_CurrentETag_RemovesTheRow()
    {
        var grain = Grain(4);
        var etag = await Table.UpsertRow(Entry(grain, "tick"), Ct);

        var removed = await Table.RemoveRow(grain, "tick", etag!, Ct);

        Assert.True(removed);
        Assert.Null(await Table.ReadRow(grain, "tick", Ct));
    }

    [Fact]
    public async Task ReadRows_ByGrain_ReturnsOnlyThatGrainsReminders()
    {
        var grain = Grain(7);
        await Table.UpsertRow(Entry(grain, "a"), Ct);
        await Table.UpsertRow(Entry(grain, "b"), Ct);
        await Table.UpsertRow(Entry(Grain(8), "a"), Ct);

        var rows = await Table.ReadRows(grain, Ct);

        Assert.Equal(["a", "b"], rows.Reminders.Select(r => r.ReminderName).Order());
    }

    [Fact]
    public async Task ReadRows_RandomRingRanges_MatchTheRangeRuleIncludingWrapAround()
    {
        var grains = Enumerable.Range(100, 60).Select(Grain).ToList();
        foreach (var grain in grains) await Table.UpsertRow(Entry(grain, "r"), Ct);
        var hashes = grains.Select(g => g.GetUniformHashCode()).ToList();
        var random = new Random(2024);
        // Bounds drawn from the stored hashes themselves put rows exactly on the (exclusive, inclusive] edges.
        var bounds = hashes.Concat([0u, uint.MaxValue]).ToList();

        for (var i = 0; i < 60; i++)
        {
            var begin = bounds[random.Next(bounds.Count)];
            var end = bounds[random.Next(bounds.Count)];

            var rows = await Table.ReadRows(begin, end, Ct);

            var expected = grains.Where(g => InRange(g.GetUniformHashCode(), begin, end)).Select(g => g.ToString()).Order();
            Assert.Equal(expected, rows.Reminders.Select(r => r.GrainId.ToString()).Order());
        }
    }

    [Fact]
    public async Task ReadRows_BeginEqualsEnd_ReturnsTheWholeRing()
    {
        var grains = Enumerable.Range(200, 10).Select(Grain).ToList();
        foreach (var grain in grains) await Table.UpsertRow(Entry(grain, "r"), Ct);

        var rows = await Table.ReadRows(grains[0].GetUniformHashCode(), grains[0].GetUniformHashCode(), Ct);

        Assert.Equal(10, rows.Reminders.Count);
    }

    [Fact]
    public async Task TestOnlyClearTable_RemovesOnlyThisServicesRows()
    {
        var otherService = await TableForAsync(Guid.NewGuid().ToString("N"));
        await Table.UpsertRow(Entry(Grain(9), "mine"), Ct);
        await otherService.UpsertRow(Entry(Grain(9), "theirs"), Ct);

        await Table.TestOnlyClearTable(Ct);

        Assert.Empty((await Table.ReadRows(Grain(9), Ct)).Reminders);
        Assert.Single((await otherService.ReadRows(Grain(9), Ct)).Reminders);
    }

    // The IReminderTable rule: (begin, end] when begin < end, otherwise the range wraps around the ring.
    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    protected static GrainId Grain(int n) => GrainId.Create("reminder-test", n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    protected static ReminderEntry Entry(GrainId grain, string name, TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc),
        Period = period ?? TimeSpan.FromMinutes(1),
    };
}
