using Npgsql;

namespace BlockhostBroker.Grains.Storage;

/// <summary>The [storage] section of config.toml: which store holds grain state, reminders and allocations.</summary>
public sealed class BrokerStorageOptions
{
    /// <summary>Config key of <see cref="Provider"/>.</summary>
    public const string ProviderKey = "[storage] provider";

    /// <summary>Config key of <see cref="SqlitePath"/>.</summary>
    public const string SqlitePathKey = "[storage] sqlite_path";

    /// <summary>Config key of <see cref="PostgreSqlConnection"/>.</summary>
    public const string PostgreSqlConnectionKey = "[storage] postgresql_connection";

    /// <summary>Value of <see cref="Provider"/> for the embedded store.</summary>
    public const string SqliteProvider = "sqlite";

    /// <summary>Value of <see cref="Provider"/> for the fleet store.</summary>
    public const string PostgreSqlProvider = "postgresql";

    /// <summary>"sqlite" (one machine, the default) or "postgresql" (a fleet of silos).</summary>
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>The SQLite database file, created on first start (provider "sqlite").</summary>
    public string SqlitePath { get; set; } = "";

    /// <summary>The Npgsql connection string (provider "postgresql").</summary>
    public string PostgreSqlConnection { get; set; } = "";

    /// <summary>The store the provider names; call <see cref="Validate"/> first.</summary>
    public StoreKind Kind => Provider == PostgreSqlProvider ? StoreKind.PostgreSql : StoreKind.Sqlite;

    /// <summary>Every problem with these options, each naming its config key and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate() => Provider switch
    {
        SqliteProvider => ValidateSqlite(),
        PostgreSqlProvider => ValidatePostgreSql(),
        _ => [$"{ProviderKey} = \"{Provider}\" is not a storage provider: use \"{SqliteProvider}\" or \"{PostgreSqlProvider}\""],
    };

    private List<string> ValidateSqlite()
    {
        if (string.IsNullOrWhiteSpace(SqlitePath))
            return [$"{SqlitePathKey} is empty: set the database file, e.g. \"/var/lib/blockhost-broker/broker.db\""];
        var directory = Path.GetDirectoryName(Path.GetFullPath(SqlitePath));
        if (directory is not null && !Directory.Exists(directory))
            return [$"{SqlitePathKey} = \"{SqlitePath}\": the directory {directory} does not exist; create it (owned by the broker's user)"];
        if (Directory.Exists(SqlitePath))
            return [$"{SqlitePathKey} = \"{SqlitePath}\" is a directory; name a file inside it, e.g. \"{Path.Combine(SqlitePath, "broker.db")}\""];
        return [];
    }

    private List<string> ValidatePostgreSql()
    {
        if (string.IsNullOrWhiteSpace(PostgreSqlConnection))
            return [$"{PostgreSqlConnectionKey} is empty: set an Npgsql connection string, e.g. \"Host=db.internal;Database=broker;Username=broker;Password=...\""];
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(PostgreSqlConnection);
            if (string.IsNullOrWhiteSpace(builder.Host))
                return [$"{PostgreSqlConnectionKey} names no Host: add Host=<server> (a name, an address or a Unix socket directory)"];
            return [];
        }
        catch (ArgumentException error)
        {
            // The message says which keyword is wrong; the connection string itself may hold a password, so it is not echoed.
            return [$"{PostgreSqlConnectionKey} is not a valid Npgsql connection string: {error.Message}"];
        }
    }
}

/// <summary>The [storage] configuration is invalid; the message lists each problem with its config key.</summary>
public sealed class BrokerStorageConfigurationException(string message) : InvalidOperationException(message);
