using BlockhostBroker.Grains.Storage;
using BlockhostBroker.TestSupport;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BlockhostBroker.Grains.Tests.Storage;

/// <summary>Creating and upgrading both stores' schemas from the embedded scripts.</summary>
public sealed class SchemaMigratorTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Scripts_ForEachStore_StartWithOrleansThenOursInNumberOrder()
    {
        foreach (var store in new[] { StoreKind.Sqlite, StoreKind.PostgreSql })
        {
            var names = SchemaScripts.For(store).Select(s => s.Name).ToList();
            var ours = names.SkipWhile(n => n.StartsWith("orleans/", StringComparison.Ordinal)).ToList();

            Assert.StartsWith("orleans/", names[0]);
            Assert.NotEmpty(ours);
            Assert.All(ours, n => Assert.DoesNotContain("orleans/", n));
            Assert.Equal(ours.Order(StringComparer.Ordinal), ours);
            Assert.Contains($"{(store == StoreKind.Sqlite ? "sqlite" : "postgresql")}/001_allocations.sql", ours);
        }
    }

    [Fact]
    public async Task MigrateSqlite_FreshFile_AppliesEveryScriptOnceAndTurnsOnWal()
    {
        using var file = new TempSqliteFile();

        var first = await SchemaMigrator.MigrateSqliteAsync(file.ConnectionString, Ct);
        var second = await SchemaMigrator.MigrateSqliteAsync(file.ConnectionString, Ct);

        Assert.Equal(SchemaScripts.For(StoreKind.Sqlite).Select(s => s.Name), first);
        Assert.Empty(second);
        Assert.Equal("wal", await ScalarAsync(file.ConnectionString, "PRAGMA journal_mode"));
        Assert.Equal(3L, await ScalarAsync(file.ConnectionString,
            "SELECT count(*) FROM OrleansQuery WHERE QueryKey IN ('WriteToStorageKey', 'ReadFromStorageKey', 'ClearStorageKey')"));
        // The 10.4.0 migration replaced the write query (see sql/README.md).
        Assert.Contains("OrleansStorageWriteRequest_10_4", (string)(await ScalarAsync(file.ConnectionString,
            "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'"))!);
    }

    [Fact]
    public async Task MigrateSqlite_AppliedScriptChangedSince_RefusesNamingTheScript()
    {
        using var file = new TempSqliteFile();
        await SchemaMigrator.MigrateSqliteAsync(file.ConnectionString, Ct);
        await ScalarAsync(file.ConnectionString,
            "UPDATE schema_migrations SET sha256 = replace(sha256, substr(sha256, 1, 1), 'z') WHERE script = 'sqlite/001_allocations.sql'");

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(() => SchemaMigrator.MigrateSqliteAsync(file.ConnectionString, Ct));

        Assert.Contains("sql/sqlite/001_allocations.sql", error.Message);
    }

    [Fact]
    public async Task MigrateSqlite_FailingScript_LeavesTheDatabaseUntouched()
    {
        using var file = new TempSqliteFile();
        // A table one of our scripts creates already exists, so that script fails midway through the run.
        await ScalarAsync(file.ConnectionString, "CREATE TABLE allocations (x INTEGER)");

        await Assert.ThrowsAsync<SchemaMigrationException>(() => SchemaMigrator.MigrateSqliteAsync(file.ConnectionString, Ct));

        Assert.Equal(0L, await ScalarAsync(file.ConnectionString, "SELECT count(*) FROM sqlite_master WHERE name IN ('OrleansQuery', 'schema_migrations')"));
    }

    [Fact]
    public async Task MigratePostgreSql_ThreeSilosAtOnce_ApplyEachScriptExactlyOnce()
    {
        var connectionString = await postgres.CreateDatabaseAsync("migrate");

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SchemaMigrator.MigratePostgreSqlAsync(connectionString, Ct)));

        var applied = runs.SelectMany(r => r).ToList();
        Assert.Equal(SchemaScripts.For(StoreKind.PostgreSql).Select(s => s.Name).Order(), applied.Order());
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM OrleansQuery WHERE QueryKey = 'CleanupDefunctSiloEntriesKey'", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync(Ct));
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }
}
