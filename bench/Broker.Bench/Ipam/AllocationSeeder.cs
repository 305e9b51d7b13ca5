using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BlockhostBroker.Grains.Storage;
using BlockhostBroker.Protocol.Addressing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BlockhostBroker.Bench.Ipam;

/// <summary>
/// Fills an allocation store with existing allocations fast, before the pool (or the daemon) starts on it: the
/// product's schema (created by its SchemaMigrator), its pool settings row, and rows of the allocations table and
/// its history as the store writes them — but many rows per statement in one transaction. Only the seeding takes
/// this shortcut; what the figures measure goes through the product.
/// </summary>
public static class AllocationSeeder
{
    private const int RowsPerStatement = 500;
    private const string SqliteTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Seeds a SQLite file with <paramref name="count"/> allocations at indices 1..count of <paramref name="plan"/>.</summary>
    public static async Task SeedSqliteAsync(string path, AllocationPlan plan, int count)
    {
        var connectionString = SqliteDatabase.ConnectionString(path);
        await SchemaMigrator.MigrateSqliteAsync(connectionString);
        await new SqliteAllocationStore(connectionString).EnsurePoolAsync(Settings(plan));
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var now = DateTimeOffset.UtcNow.UtcDateTime.ToString(SqliteTimeFormat, CultureInfo.InvariantCulture);
        await InsertAsync(connection, plan, count, now);
    }

    /// <summary>Seeds a PostgreSQL database the same way.</summary>
    public static async Task SeedPostgreSqlAsync(string connectionString, AllocationPlan plan, int count)
    {
        await SchemaMigrator.MigratePostgreSqlAsync(connectionString);
        await using (var store = new PostgreSqlAllocationStore(connectionString))
            await store.EnsurePoolAsync(Settings(plan));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await InsertAsync(connection, plan, count, DateTimeOffset.UtcNow);
    }

    /// <summary>The settings the pool checks at activation for this plan.</summary>
    public static PoolSettings Settings(AllocationPlan plan) => new(plan.Upstream.ToString(), plan.AllocationLength);

    /// <summary>A distinct lowercase NFT contract address for a seeded row.</summary>
    public static string Contract(long index) => "0x" + index.ToString("x40", CultureInfo.InvariantCulture);

    private static async Task InsertAsync(DbConnection connection, AllocationPlan plan, int count, object at)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        for (var first = 1; first <= count; first += RowsPerStatement)
        {
            var last = Math.Min(count, first + RowsPerStatement - 1);
            var rows = Enumerable.Range(first, last - first + 1)
                .Select(i => (Index: (long)i, Prefix: plan.PrefixAt(i).ToString(), Contract: Contract(i), Key: Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))))
                .ToList();
            await ExecuteAsync(connection, transaction, "INSERT INTO allocations (prefix_index, prefix, nft_contract, wg_pubkey, allocated_at) VALUES ", rows, at, "");
            await ExecuteAsync(connection, transaction, "INSERT INTO allocation_history (event, prefix_index, prefix, nft_contract, wg_pubkey, at) VALUES ", rows, at, "'allocated', ");
        }
        await transaction.CommitAsync();
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string insert,
        List<(long Index, string Prefix, string Contract, string Key)> rows, object at, string leading)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder(insert);
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"{(r > 0 ? ", " : "")}({leading}@i{r}, @p{r}, @c{r}, @k{r}, @at)");
            Add(command, $"@i{r}", rows[r].Index);
            Add(command, $"@p{r}", rows[r].Prefix);
            Add(command, $"@c{r}", rows[r].Contract);
            Add(command, $"@k{r}", rows[r].Key);
        }
        Add(command, "@at", at);
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
