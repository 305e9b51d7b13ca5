using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace BlockhostBroker.Grains.Storage;

/// <summary>Wires the chosen store into a silo: schema migration at start-up, grain state, reminders, allocations.</summary>
public static class BrokerStorageSiloBuilderExtensions
{
    /// <summary>ADO.NET invariant Orleans 10.4.2 maps to Microsoft.Data.Sqlite ("Microsoft.Data.Sqlite" itself is not a known invariant).</summary>
    public const string OrleansSqliteInvariant = "System.Data.SQLite";

    /// <summary>ADO.NET invariant of Npgsql.</summary>
    public const string OrleansPostgreSqlInvariant = "Npgsql";

    /// <summary>
    /// "sqlite": grain state through Orleans ADO.NET on the file (provider <see cref="StorageNames.Broker"/>, also the default), reminders in <see cref="SqliteReminderTable"/>,
    /// allocations in <see cref="SqliteAllocationStore"/> (clustering stays the host's choice, e.g. localhost).
    /// "postgresql": Orleans ADO.NET clustering, grain state and reminders, allocations in <see cref="PostgreSqlAllocationStore"/>.
    /// Either way the schema is created or upgraded before any of them starts. Throws
    /// <see cref="BrokerStorageConfigurationException"/> naming the config keys when the options are invalid.
    /// </summary>
    public static ISiloBuilder AddBrokerStorage(this ISiloBuilder builder, BrokerStorageOptions options)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new BrokerStorageConfigurationException(string.Join(Environment.NewLine, problems));
        return options.Kind == StoreKind.Sqlite
            ? builder.AddSqliteStorage(SqliteDatabase.ConnectionString(options.SqlitePath))
            : builder.AddPostgreSqlStorage(options.PostgreSqlConnection);
    }

    private static ISiloBuilder AddSqliteStorage(this ISiloBuilder builder, string connectionString)
    {
        // First of all lifecycle stages: the providers below read their tables when they start.
        builder.AddStartupTask((_, cancellationToken) => SchemaMigrator.MigrateSqliteAsync(connectionString, cancellationToken), ServiceLifecycleStage.First);
        AddGrainStorage(builder, OrleansSqliteInvariant, connectionString);
        builder.Services.AddReminders();
        builder.Services.Configure<SqliteReminderTableOptions>(o => o.ConnectionString = connectionString);
        builder.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
        builder.Services.AddSingleton<IAllocationStore>(_ => new SqliteAllocationStore(connectionString));
        return builder;
    }

    private static ISiloBuilder AddPostgreSqlStorage(this ISiloBuilder builder, string connectionString)
    {
        builder.AddStartupTask((_, cancellationToken) => SchemaMigrator.MigratePostgreSqlAsync(connectionString, cancellationToken), ServiceLifecycleStage.First);
        builder.UseAdoNetClustering(o =>
        {
            o.Invariant = OrleansPostgreSqlInvariant;
            o.ConnectionString = connectionString;
        });
        AddGrainStorage(builder, OrleansPostgreSqlInvariant, connectionString);
        builder.UseAdoNetReminderService(o =>
        {
            o.Invariant = OrleansPostgreSqlInvariant;
            o.ConnectionString = connectionString;
        });
        builder.Services.AddSingleton<IAllocationStore>(_ => new PostgreSqlAllocationStore(connectionString));
        return builder;
    }

    // Grains name their provider (StorageNames.Broker); the default provider serves any that do not.
    private static void AddGrainStorage(ISiloBuilder builder, string invariant, string connectionString)
    {
        void Configure(AdoNetGrainStorageOptions o)
        {
            o.Invariant = invariant;
            o.ConnectionString = connectionString;
        }
        builder.AddAdoNetGrainStorage(StorageNames.Broker, Configure);
        builder.AddAdoNetGrainStorageAsDefault(Configure);
    }
}
