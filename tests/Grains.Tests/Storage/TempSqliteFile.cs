using Microsoft.Data.Sqlite;

namespace BlockhostBroker.Grains.Tests.Storage;

/// <summary>A SQLite database path in a fresh temporary directory, deleted (with its WAL files) on dispose.</summary>
public sealed class TempSqliteFile : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("bhb-sqlite-").FullName;

    /// <summary>The database file's path (not created until something opens it).</summary>
    public string Path => System.IO.Path.Combine(directory, "broker.db");

    /// <summary>The broker's connection string for the file.</summary>
    public string ConnectionString => BlockhostBroker.Grains.Storage.SqliteDatabase.ConnectionString(Path);

    /// <inheritdoc />
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
