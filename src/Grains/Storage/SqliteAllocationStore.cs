using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace BlockhostBroker.Grains.Storage;

/// <summary>The allocation store on the embedded SQLite file (schema: sql/sqlite/001_allocations.sql).</summary>
public sealed class SqliteAllocationStore(string connectionString) : AdoAllocationStore
{
    // Extended result codes (https://sqlite.org/rescode.html) of the constraint family.
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintCheck = 275;
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await SqliteDatabase.OpenAsync(connectionString, cancellationToken);

    /// <inheritdoc />
    protected override object ToDbTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <inheritdoc />
    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(reader.GetString(ordinal), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <inheritdoc />
    protected override AllocationConstraint? ClassifyConstraint(DbException error)
    {
        if (error is not SqliteException { SqliteErrorCode: SqliteConstraint } sqlite) return null;
        if (sqlite.SqliteExtendedErrorCode == SqliteConstraintCheck) return AllocationConstraint.Check;
        // SQLite names the column in the message: "UNIQUE constraint failed: allocations.wg_pubkey".
        var message = sqlite.Message;
        if (message.Contains("allocations.wg_pubkey", StringComparison.Ordinal)) return AllocationConstraint.WgPubkey;
        if (message.Contains("allocations.nft_contract", StringComparison.Ordinal)) return AllocationConstraint.NftContract;
        if (message.Contains("allocations.prefix", StringComparison.Ordinal)) return AllocationConstraint.Prefix;
        return AllocationConstraint.Check;
    }
}
