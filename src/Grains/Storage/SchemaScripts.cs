using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace BlockhostBroker.Grains.Storage;

/// <summary>Which database a schema is for.</summary>
public enum StoreKind
{
    /// <summary>The embedded single-machine store.</summary>
    Sqlite,

    /// <summary>The fleet's shared store.</summary>
    PostgreSql,
}

/// <summary>One schema script embedded from sql/: its path there, its text and the SHA-256 of the text.</summary>
public sealed record SchemaScript(string Name, string Text)
{
    /// <summary>Lowercase hex SHA-256 of the UTF-8 text; an applied script must never change.</summary>
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));
}

/// <summary>
/// The ordered scripts of each store, embedded in this assembly (resource name = path under sql/).
/// Orleans' own scripts (vendored unchanged, see sql/README.md) come first, then ours, numbered.
/// Adding a script means adding a file: numbered scripts are picked up in order; a new Orleans
/// script is appended to its list below. Applied scripts are never edited.
/// </summary>
public static class SchemaScripts
{
    private const string ResourceRoot = "sql/";

    private static readonly string[] OrleansSqlite =
    [
        "orleans/sqlite/Sqlite-Main.sql",
        "orleans/sqlite/Sqlite-Persistence.sql",
        "orleans/sqlite/Migrations/Sqlite-Persistence-10.4.0.sql",
    ];

    private static readonly string[] OrleansPostgreSql =
    [
        "orleans/postgresql/PostgreSQL-Main.sql",
        "orleans/postgresql/PostgreSQL-Clustering.sql",
        "orleans/postgresql/Migrations/PostgreSQL-Clustering-3.7.0.sql",
        "orleans/postgresql/PostgreSQL-Persistence.sql",
        "orleans/postgresql/PostgreSQL-Reminders.sql",
    ];

    /// <summary>The idempotent script that creates the schema_migrations table; run before anything else.</summary>
    public static SchemaScript Bootstrap(StoreKind store) => Load($"{Folder(store)}/000_schema_migrations.sql");

    /// <summary>Every tracked script of a store, in the order they must be applied.</summary>
    public static IReadOnlyList<SchemaScript> For(StoreKind store)
    {
        var orleans = store == StoreKind.Sqlite ? OrleansSqlite : OrleansPostgreSql;
        var numbered = Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith($"{ResourceRoot}{Folder(store)}/", StringComparison.Ordinal))
            .Select(name => name[ResourceRoot.Length..])
            .Where(name => !name.EndsWith("/000_schema_migrations.sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        return [.. orleans.Concat(numbered).Select(Load)];
    }

    private static Assembly Assembly => typeof(SchemaScripts).Assembly;

    private static string Folder(StoreKind store) => store == StoreKind.Sqlite ? "sqlite" : "postgresql";

    private static SchemaScript Load(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(ResourceRoot + name)
            ?? throw new SchemaMigrationException($"schema script sql/{name} is not embedded in {Assembly.GetName().Name}; check Grains.csproj");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new SchemaScript(name, reader.ReadToEnd());
    }
}

/// <summary>The database schema could not be created or upgraded.</summary>
public sealed class SchemaMigrationException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
