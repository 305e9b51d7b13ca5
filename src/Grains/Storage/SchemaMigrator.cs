using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BlockhostBroker.Grains.Storage;

/// <summary>
/// Creates or upgrades a store's schema: applies every script of <see cref="SchemaScripts.For"/> not
/// yet recorded in schema_migrations, all in one transaction, so a failed upgrade leaves the
/// database as it was. Refuses to run when an applied script's text has changed since.
/// </summary>
public static class SchemaMigrator
{
    // Any constant works; it only has to be the same for every silo migrating the same database.
    private const long PostgresMigrationLockKey = 0x62726F6B65720001; // "broker" + 1

    /// <summary>Brings a SQLite file up to date (creating it when missing) and returns the scripts it applied.</summary>
    public static async Task<IReadOnlyList<string>> MigrateSqliteAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = await SqliteDatabase.OpenAsync(connectionString, cancellationToken);
        await SqliteDatabase.EnableWriteAheadLogAsync(connection, cancellationToken);
        // BEGIN IMMEDIATE: a second process migrating the same file waits for this one.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        return await ApplyAsync(StoreKind.Sqlite, connection, transaction, DateTimeOffset.UtcNow.ToString("O"), cancellationToken);
    }

    /// <summary>Brings a PostgreSQL database up to date and returns the scripts it applied.</summary>
    public static async Task<IReadOnlyList<string>> MigratePostgreSqlAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Silos starting together take turns; the lock ends with the transaction.
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", PostgresMigrationLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return await ApplyAsync(StoreKind.PostgreSql, connection, transaction, DateTimeOffset.UtcNow, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ApplyAsync(
        StoreKind store, DbConnection connection, DbTransaction transaction, object appliedAt, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, SchemaScripts.Bootstrap(store), cancellationToken);
        var applied = await ReadAppliedAsync(connection, transaction, cancellationToken);
        var done = new List<string>();
        foreach (var script in SchemaScripts.For(store))
        {
            if (applied.TryGetValue(script.Name, out var sha256))
            {
                if (sha256 != script.Sha256)
                    throw new SchemaMigrationException(
                        $"sql/{script.Name} changed after it was applied to this database; restore it and put the change in a new numbered script");
                continue;
            }
            await ExecuteAsync(connection, transaction, script, cancellationToken);
            await RecordAsync(connection, transaction, script, appliedAt, cancellationToken);
            done.Add(script.Name);
        }
        await transaction.CommitAsync(cancellationToken);
        return done;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, SchemaScript script, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = script.Text;
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (DbException error)
        {
            throw new SchemaMigrationException($"sql/{script.Name} failed on {connection.Database}: {error.Message}", error);
        }
    }

    private static async Task<Dictionary<string, string>> ReadAppliedAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT script, sha256 FROM schema_migrations";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
            applied[reader.GetString(0)] = reader.GetString(1);
        return applied;
    }

    private static async Task RecordAsync(DbConnection connection, DbTransaction transaction, SchemaScript script, object appliedAt, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO schema_migrations (script, sha256, applied_at) VALUES (@script, @sha256, @at)";
        foreach (var (name, value) in new (string, object)[] { ("@script", script.Name), ("@sha256", script.Sha256), ("@at", appliedAt) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
