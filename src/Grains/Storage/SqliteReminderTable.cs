using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace BlockhostBroker.Grains.Storage;

/// <summary>Where the SQLite reminder table lives.</summary>
public sealed class SqliteReminderTableOptions
{
    /// <summary>The connection string of the broker's SQLite file (see <see cref="SqliteDatabase.ConnectionString"/>).</summary>
    public string ConnectionString { get; set; } = "";
}

/// <summary>
/// Orleans reminders on the embedded SQLite file (table 'reminders', sql/sqlite/002_reminders.sql),
/// because Orleans ships no SQLite reminder provider. ETags are per-row versions bumped on every
/// upsert; a remove succeeds only with the current one. Rows are scoped to the cluster's ServiceId.
/// </summary>
public sealed class SqliteReminderTable(IOptions<ClusterOptions> cluster, IOptions<SqliteReminderTableOptions> options) : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_at, period, version";
    private readonly string serviceId = cluster.Value.ServiceId;
    private readonly string connectionString = options.Value.ConnectionString;

    /// <summary>Checks that the schema is in place, so a missing migration fails the silo at start-up.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await SqliteDatabase.OpenAsync(connectionString, cancellationToken);
        await using var command = Command(connection, "SELECT count(*) FROM reminders WHERE service_id = @service");
        try
        {
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (SqliteException error)
        {
            throw new SchemaMigrationException($"the SQLite reminder table is not usable in {connection.DataSource}: {error.Message}", error);
        }
    }

    /// <summary>Nothing to release: connections are pooled per operation.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>All reminders of one grain.</summary>
    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    /// <summary>All reminders of one grain.</summary>
    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM reminders WHERE service_id = @service AND grain_id = @grain",
            command => command.Parameters.AddWithValue("@grain", grainId.ToString()), cancellationToken);

    /// <summary>Reminders whose grain hash lies in the ring range (begin, end]; when begin ≥ end the range wraps past 2^32 - 1.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>Reminders whose grain hash lies in the ring range (begin, end]; when begin ≥ end the range wraps past 2^32 - 1.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        var range = begin < end
            ? "grain_hash > @begin AND grain_hash <= @end"
            : "(grain_hash > @begin OR grain_hash <= @end)";
        return QueryAsync($"SELECT {Columns} FROM reminders WHERE service_id = @service AND {range}", command =>
        {
            command.Parameters.AddWithValue("@begin", (long)begin);
            command.Parameters.AddWithValue("@end", (long)end);
        }, cancellationToken);
    }

    /// <summary>One reminder, or null.</summary>
    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    /// <summary>One reminder, or null.</summary>
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT {Columns} FROM reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name",
            command =>
            {
                command.Parameters.AddWithValue("@grain", grainId.ToString());
                command.Parameters.AddWithValue("@name", reminderName);
            }, cancellationToken);
        return rows.Reminders.SingleOrDefault();
    }

    /// <summary>Inserts or replaces a reminder and returns its new ETag.</summary>
    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    /// <summary>Inserts or replaces a reminder and returns its new ETag.</summary>
    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        // A new row starts at a random version (62 bits) so that an ETag kept from a deleted
        // incarnation of the same reminder cannot remove its successor.
        await using var connection = await SqliteDatabase.OpenAsync(connectionString, cancellationToken);
        await using var command = Command(connection, """
            INSERT INTO reminders (service_id, grain_id, reminder_name, start_at, period, grain_hash, version)
            VALUES (@service, @grain, @name, @start, @period, @hash, random() & 4611686018427387903)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
                start_at = excluded.start_at, period = excluded.period, grain_hash = excluded.grain_hash,
                version = reminders.version + 1
            RETURNING version
            """);
        command.Parameters.AddWithValue("@grain", entry.GrainId.ToString());
        command.Parameters.AddWithValue("@name", entry.ReminderName);
        command.Parameters.AddWithValue("@start", ToUtc(entry.StartAt).Ticks);
        command.Parameters.AddWithValue("@period", entry.Period.Ticks);
        command.Parameters.AddWithValue("@hash", (long)entry.GrainId.GetUniformHashCode());
        var version = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return ETag(version);
    }

    /// <summary>Removes a reminder when the ETag is its current one; false when it is missing or changed since.</summary>
    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    /// <summary>Removes a reminder when the ETag is its current one; false when it is missing or changed since.</summary>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        if (!long.TryParse(eTag, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
            return false;
        await using var connection = await SqliteDatabase.OpenAsync(connectionString, cancellationToken);
        await using var command = Command(connection,
            "DELETE FROM reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name AND version = @version");
        command.Parameters.AddWithValue("@grain", grainId.ToString());
        command.Parameters.AddWithValue("@name", reminderName);
        command.Parameters.AddWithValue("@version", version);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Removes every reminder of this service (tests only, as the name says).</summary>
    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    /// <summary>Removes every reminder of this service (tests only, as the name says).</summary>
    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        await using var connection = await SqliteDatabase.OpenAsync(connectionString, cancellationToken);
        await using var command = Command(connection, "DELETE FROM reminders WHERE service_id = @service");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<ReminderTableData> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteDatabase.OpenAsync(connectionString, cancellationToken);
        await using var command = Command(connection, sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = ETag(reader.GetInt64(4)),
            });
        }
        return new ReminderTableData(entries);
    }

    private SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@service", serviceId);
        return command;
    }

    // Orleans hands in UTC or unspecified times; unspecified ones are UTC (as the ADO.NET table assumes).
    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private static string ETag(long version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
