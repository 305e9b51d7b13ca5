using BlockhostBroker.Grains.Storage;

namespace BlockhostBroker.Grains.Tests.Storage;

/// <summary>The allocation store contract on a real SQLite file.</summary>
public sealed class SqliteAllocationStoreTests : AllocationStoreContract, IClassFixture<SqliteAllocationStoreTests.Database>
{
    private readonly Database database;

    /// <summary>Uses the class's migrated file.</summary>
    public SqliteAllocationStoreTests(Database database) => this.database = database;

    /// <inheritdoc />
    protected override IAllocationStore Store => database.Store;

    [Fact]
    public async Task Insert_FromTwoConnectionsAtOnce_BothCommit()
    {
        // WAL plus the busy timeout: concurrent writers wait for each other instead of failing with SQLITE_BUSY.
        var other = new SqliteAllocationStore(database.File.ConnectionString);
        var allocations = Enumerable.Range(0, 40).Select(_ => TestData.Allocation(FreshIndex())).ToList();

        await Task.WhenAll(allocations.Select((a, i) => Task.Run(() => (i % 2 == 0 ? Store : other).InsertAsync(a, Ct))));

        var rows = await Store.LoadAllAsync(Ct);
        Assert.All(allocations, a => Assert.Contains(a, rows));
    }

    /// <summary>One migrated SQLite file for the class.</summary>
    public sealed class Database : IAsyncLifetime
    {
        /// <summary>The file.</summary>
        public TempSqliteFile File { get; } = new();

        /// <summary>The store on it.</summary>
        public IAllocationStore Store { get; private set; } = null!;

        /// <inheritdoc />
        public async ValueTask InitializeAsync()
        {
            await SchemaMigrator.MigrateSqliteAsync(File.ConnectionString);
            Store = new SqliteAllocationStore(File.ConnectionString);
        }

        /// <inheritdoc />
        public ValueTask DisposeAsync()
        {
            File.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
