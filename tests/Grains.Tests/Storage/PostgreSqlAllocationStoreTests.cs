using BlockhostBroker.Grains.Storage;
using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Grains.Tests.Storage;

/// <summary>The allocation store contract on the run's real PostgreSQL server, in a database of its own.</summary>
public sealed class PostgreSqlAllocationStoreTests(PostgreSqlAllocationStoreTests.Database database)
    : AllocationStoreContract, IClassFixture<PostgreSqlAllocationStoreTests.Database>
{
    /// <inheritdoc />
    protected override IAllocationStore Store => database.Store;

    /// <summary>A fresh, migrated database for the class.</summary>
    public sealed class Database(PostgresServer server) : IAsyncLifetime
    {
        private PostgreSqlAllocationStore? store;

        /// <summary>The store on it.</summary>
        public IAllocationStore Store => store!;

        /// <inheritdoc />
        public async ValueTask InitializeAsync()
        {
            var connectionString = await server.CreateDatabaseAsync("allocations");
            await SchemaMigrator.MigratePostgreSqlAsync(connectionString);
            store = new PostgreSqlAllocationStore(connectionString);
        }

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            if (store is not null) await store.DisposeAsync();
        }
    }
}
