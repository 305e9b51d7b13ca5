using BlockhostBroker.Grains.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace BlockhostBroker.Grains.Tests.Storage;

/// <summary>The IReminderTable contract of <see cref="SqliteReminderTable"/> on a real file, one service id per test.</summary>
public sealed class SqliteReminderTableTests(SqliteReminderTableTests.Database database)
    : ReminderTableContract, IClassFixture<SqliteReminderTableTests.Database>
{
    /// <inheritdoc />
    protected override async Task<IReminderTable> TableForAsync(string serviceId)
    {
        var table = database.TableFor(serviceId);
        await table.StartAsync(Ct);
        return table;
    }

    // Stricter than Orleans' ADO.NET table (PostgreSQL): its version restarts at 0 when a row is inserted again, so
    // an old incarnation's etag removes the new row, and it parses etags as integers, so a malformed one throws.
    [Fact]
    public async Task RemoveRow_ETagOfADeletedEarlierIncarnation_ReturnsFalse()
    {
        var grain = Grain(5);
        var old = await Table.UpsertRow(Entry(grain, "tick"), Ct);
        await Table.RemoveRow(grain, "tick", old!, Ct);
        await Table.UpsertRow(Entry(grain, "tick"), Ct);

        Assert.False(await Table.RemoveRow(grain, "tick", old!, Ct));
    }

    [Theory]
    [InlineData("not-a-number")]
    [InlineData("")]
    public async Task RemoveRow_MalformedETag_ReturnsFalse(string etag)
    {
        var grain = Grain(6);
        await Table.UpsertRow(Entry(grain, "tick"), Ct);

        Assert.False(await Table.RemoveRow(grain, "tick", etag, Ct));
    }

    [Fact]
    public async Task StartAsync_FileWithoutSchema_ThrowsSchemaMigrationException()
    {
        using var empty = new TempSqliteFile();
        var unmigrated = new SqliteReminderTable(Options.Create(new ClusterOptions { ServiceId = "x" }),
            Options.Create(new SqliteReminderTableOptions { ConnectionString = empty.ConnectionString }));

        await Assert.ThrowsAsync<SchemaMigrationException>(() => unmigrated.StartAsync(Ct));
    }

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
