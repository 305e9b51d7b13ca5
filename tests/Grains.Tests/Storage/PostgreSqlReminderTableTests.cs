using BlockhostBroker.Grains.Storage;
using BlockhostBroker.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace BlockhostBroker.Grains.Tests.Storage;

/// <summary>
/// The reminder table of the fleet: Orleans' ADO.NET reminders on the run's real PostgreSQL server, on the schema
/// our migrator creates, held to the same contract as <see cref="SqliteReminderTable"/>.
/// </summary>
public sealed class PostgreSqlReminderTableTests(PostgreSqlReminderTableTests.Database database)
    : ReminderTableContract, IClassFixture<PostgreSqlReminderTableTests.Database>
{
    /// <inheritdoc />
    protected override async Task<IReminderTable> TableForAsync(string serviceId)
    {
        // Built the way a silo's UseAdoNetReminderService builds it (the Orleans type itself is internal).
        var services = new ServiceCollection();
        services.Configure<ClusterOptions>(o => o.ServiceId = serviceId);
        services.UseAdoNetReminderService(o => o.Configure(r =>
        {
            r.Invariant = BrokerStorageSiloBuilderExtensions.OrleansPostgreSqlInvariant;
            r.ConnectionString = database.ConnectionString;
        }));
        var table = services.BuildServiceProvider().GetRequiredService<IReminderTable>();
        await table.StartAsync(Ct);
        return table;
    }

    /// <summary>A fresh, migrated database for the class.</summary>
    public sealed class Database(PostgresServer server) : IAsyncLifetime
    {
        /// <summary>Its connection string.</summary>
        public string ConnectionString { get; private set; } = "";

        /// <inheritdoc />
        public async ValueTask InitializeAsync()
        {
            ConnectionString = await server.CreateDatabaseAsync("reminders");
            await SchemaMigrator.MigratePostgreSqlAsync(ConnectionString);
        }

        /// <inheritdoc />
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
