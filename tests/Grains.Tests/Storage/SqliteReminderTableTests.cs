using BlockhostBroker.Grains.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace BlockhostBroker.Grains.Tests.Storage;

/// <summary>The IReminderTable contract of <see cref="SqliteReminderTable"/> on a real file, one service id per test.</summary>
public sealed class SqliteReminderTableTests : IClassFixture<SqliteReminderTableTests.Database>
{
    private readonly Database database;
    private readonly SqliteReminderTable table;

    /// <summary>A table for a service id of this test's own on the class's file.</summary>
    public SqliteReminderTableTests(Database database)
    {
        this.database = database;
        table = database.TableFor(Guid.NewGuid().ToString("N"));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UpsertRow_NewReminder_CanBeReadBackWithItsETag()
    {
        var entry = Entry(Grain(1), "tick", period: TimeSpan.FromMinutes(5));

        var etag = await table.UpsertRow(entry, Ct);
        var read = await table.ReadRow(entry.GrainId, "tick", Ct);

        Assert.NotNull(etag);
        Assert.NotNull(read);
        Assert.Equal((entry.GrainId, entry.StartAt, entry.Period, etag), (read.GrainId, read.StartAt, read.Period, read.ETag));
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
    }

    [Fact]
    public async Task UpsertRow_Existing_ReplacesValuesAndChangesTheETag()
    {
        var grain = Grain(2);
        var first = await table.UpsertRow(Entry(grain, "tick", period: TimeSpan.FromMinutes(1)), Ct);

        var second = await table.UpsertRow(Entry(grain, "tick", period: TimeSpan.FromMinutes(2)), Ct);

        Assert.NotEqual(first, second);
        var read = await table.ReadRow(grain, "tick", Ct);
        Assert.Equal(TimeSpan.FromMinutes(2), read!.Period);
        Assert.Single((await table.ReadRows(grain, Ct)).Reminders);
    }

    [Fact]
    public async Task RemoveRow_StaleETag_ReturnsFalseAndKeepsTheRow()
    {
        var grain = Grain(3);
        var stale = await table.UpsertRow(Entry(grain, "tick"), Ct);
        await table.UpsertRow(Entry(grain, "tick"), Ct);

        var removed = await table.RemoveRow(grain, "tick", stale!, Ct);

        Assert.False(removed);
        Assert.NotNull(await table.ReadRow(grain, "tick", Ct));
    }

    [Fact]
    public async Task RemoveRow_CurrentETag_RemovesTheRow()
    {
        var grain = Grain(4);
        var etag = await table.UpsertRow(Entry(grain, "tick"), Ct);

        var removed = await table.RemoveRow(grain, "tick", etag!, Ct);

        Assert.True(removed);
        Assert.Null(await table.ReadRow(grain, "tick", Ct));
    }

    [Fact]
    public async Task RemoveRow_ETagOfADeletedEarlierIncarnation_ReturnsFalse()
    {
        var grain = Grain(5);
        var old = await table.UpsertRow(Entry(grain, "tick"), Ct);
        await table.RemoveRow(grain, "tick", old!, Ct);
        await table.UpsertRow(Entry(grain, "tick"), Ct);

        Assert.False(await table.RemoveRow(grain, "tick", old!, Ct));
    }

    [Theory]
    [InlineData("not-a-number")]
    [InlineData("")]
    public async Task RemoveRow_MalformedETag_ReturnsFalse(string etag)
    {
        var grain = Grain(6);
        await table.UpsertRow(Entry(grain, "tick"), Ct);

        Assert.False(await table.RemoveRow(grain, "tick", etag, Ct));
    }

    [Fact]
    public async Task ReadRows_ByGrain_ReturnsOnlyThatGrainsReminders()
    {
        var grain = Grain(7);
        await table.UpsertRow(Entry(grain, "a"), Ct);
        await table.UpsertRow(Entry(grain, "b"), Ct);
        await table.UpsertRow(Entry(Grain(8), "a"), Ct);

        var rows = await table.ReadRows(grain, Ct);

        Assert.Equal(["a", "b"], rows.Reminders.Select(r => r.ReminderName).Order());
    }

    [Fact]
    public async Task ReadRows_RandomRingRanges_MatchTheRangeRuleIncludingWrapAround()
    {
        var grains = Enumerable.Range(100, 60).Select(Grain).ToList();
        foreach (var grain in grains) await table.UpsertRow(Entry(grain, "r"), Ct);
        var hashes = grains.Select(g => g.GetUniformHashCode()).ToList();
        var random = new Random(2024);
        // Bounds drawn from the stored hashes themselves put rows exactly on the (exclusive, inclusive] edges.
        var bounds = hashes.Concat([0u, uint.MaxValue]).ToList();

        for (var i = 0; i < 60; i++)
        {
            var begin = bounds[random.Next(bounds.Count)];
            var end = bounds[random.Next(bounds.Count)];

            var rows = await table.ReadRows(begin, end, Ct);

            var expected = grains.Where(g => InRange(g.GetUniformHashCode(), begin, end)).Select(g => g.ToString()).Order();
            Assert.Equal(expected, rows.Reminders.Select(r => r.GrainId.ToString()).Order());
        }
    }

    [Fact]
    public async Task ReadRows_BeginEqualsEnd_ReturnsTheWholeRing()
    {
        var grains = Enumerable.Range(200, 10).Select(Grain).ToList();
        foreach (var grain in grains) await table.UpsertRow(Entry(grain, "r"), Ct);

        var rows = await table.ReadRows(grains[0].GetUniformHashCode(), grains[0].GetUniformHashCode(), Ct);

        Assert.Equal(10, rows.Reminders.Count);
    }

    [Fact]
    public async Task TestOnlyClearTable_RemovesOnlyThisServicesRows()
    {
        var otherService = database.TableFor(Guid.NewGuid().ToString("N"));
        await table.UpsertRow(Entry(Grain(9), "mine"), Ct);
        await otherService.UpsertRow(Entry(Grain(9), "theirs"), Ct);

        await table.TestOnlyClearTable(Ct);

        Assert.Empty((await table.ReadRows(Grain(9), Ct)).Reminders);
        Assert.Single((await otherService.ReadRows(Grain(9), Ct)).Reminders);
    }

    [Fact]
    public async Task StartAsync_FileWithoutSchema_ThrowsSchemaMigrationException()
    {
        using var empty = new TempSqliteFile();
        var unmigrated = new SqliteReminderTable(Options.Create(new ClusterOptions { ServiceId = "x" }),
            Options.Create(new SqliteReminderTableOptions { ConnectionString = empty.ConnectionString }));

        await Assert.ThrowsAsync<SchemaMigrationException>(() => unmigrated.StartAsync(Ct));
    }

    // The IReminderTable rule: (begin, end] when begin < end, otherwise the range wraps around the ring.
    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static GrainId Grain(int n) => GrainId.Create("reminder-test", n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc),
        Period = period ?? TimeSpan.FromMinutes(1),
    };

    /// <summary>One migrated SQLite file shared by the class's tests.</summary>
    public sealed class Database : IAsyncLifetime
    {
        private readonly TempSqliteFile file = new();

        /// <summary>A reminder table on the file for one service id.</summary>
        public SqliteReminderTable TableFor(string serviceId) => new(
            Options.Create(new ClusterOptions { ServiceId = serviceId }),
            Options.Create(new SqliteReminderTableOptions { ConnectionString = file.ConnectionString }));

        /// <inheritdoc />
        public async ValueTask InitializeAsync() => await SchemaMigrator.MigrateSqliteAsync(file.ConnectionString);

        /// <inheritdoc />
        public ValueTask DisposeAsync()
        {
            file.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
