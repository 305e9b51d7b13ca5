using Microsoft.Data.Sqlite;

namespace BlockhostBroker.Grains.Storage;

/// <summary>
/// How every part of the broker opens the embedded SQLite file: one connection string (pooled,
/// with a busy timeout so concurrent writers wait instead of failing) and WAL journaling, which
/// lets readers proceed while one writer commits.
/// </summary>
public static class SqliteDatabase
{
    /// <summary>Seconds a command waits for a locked database before failing (SQLITE_BUSY is retried until then).</summary>
    public const int BusyTimeoutSeconds = 30;

    /// <summary>The connection string for a database file; the file is created when missing.</summary>
    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(path),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = BusyTimeoutSeconds,
    }.ToString();

    /// <summary>Opens a connection; the caller disposes it.</summary>
    public static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Switches the file to write-ahead logging; the mode is stored in the file, so once is enough.</summary>
    public static async Task EnableWriteAheadLogAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        var mode = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new SchemaMigrationException($"SQLite refused write-ahead logging for {connection.DataSource} (journal mode is '{mode}')");
    }
}
