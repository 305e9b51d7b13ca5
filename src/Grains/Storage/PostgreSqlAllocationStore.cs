using System.Data.Common;
using Npgsql;

namespace BlockhostBroker.Grains.Storage;

/// <summary>The allocation store on the fleet's PostgreSQL database (schema: sql/postgresql/001_allocations.sql).</summary>
public sealed class PostgreSqlAllocationStore(string connectionString) : AdoAllocationStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    /// <inheritdoc />
    protected override object ToDbTime(DateTimeOffset value) => value.ToUniversalTime();

    /// <inheritdoc />
    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <inheritdoc />
    protected override AllocationConstraint? ClassifyConstraint(DbException error) => error switch
    {
        PostgresException { SqlState: PostgresErrorCodes.CheckViolation } => AllocationConstraint.Check,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: var name } => name switch
        {
            "allocations_wg_pubkey_key" => AllocationConstraint.WgPubkey,
            "allocations_nft_contract_key" => AllocationConstraint.NftContract,
            _ => AllocationConstraint.Prefix, // allocations_pkey or allocations_prefix_key
        },
        _ => null,
    };

    /// <summary>Closes the pooled connections.</summary>
    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
