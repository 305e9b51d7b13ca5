using System.Data.Common;
using BlockhostBroker.Grains.PrefixPool;

namespace BlockhostBroker.Grains.Storage;

/// <summary>
/// The SQL of the allocation store, shared by SQLite and PostgreSQL (both read '@name' parameters
/// and support ON CONFLICT and RETURNING). Subclasses supply connections, time encoding and the
/// mapping of constraint errors.
/// </summary>
public abstract class AdoAllocationStore : IAllocationStore
{
    private const string AllocationColumns = "prefix_index, prefix, nft_contract, wg_pubkey, allocated_at";

    /// <summary>Opens a pooled connection to the store.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A timestamp as the database stores it.</summary>
    protected abstract object ToDbTime(DateTimeOffset value);

    /// <summary>Reads a timestamp column.</summary>
    protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>Which rule a database error broke, or null when it is not a constraint violation.</summary>
    protected abstract AllocationConstraint? ClassifyConstraint(DbException error);

    /// <inheritdoc />
    public async Task<PoolSettings> EnsurePoolAsync(PoolSettings wanted, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = Command(connection, transaction,
            "INSERT INTO ipam_pool (id, upstream_prefix, allocation_size, created_at) VALUES (1, @upstream, @size, @at) ON CONFLICT (id) DO NOTHING"))
        {
            Add(insert, "@upstream", wanted.UpstreamPrefix);
            Add(insert, "@size", wanted.AllocationSize);
            Add(insert, "@at", ToDbTime(DateTimeOffset.UtcNow));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        PoolSettings stored;
        await using (var select = Command(connection, transaction, "SELECT upstream_prefix, allocation_size FROM ipam_pool WHERE id = 1"))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            stored = new PoolSettings(reader.GetString(0), reader.GetInt32(1));
        }
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Allocation>> LoadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT {AllocationColumns} FROM allocations ORDER BY prefix_index");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<Allocation>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new Allocation(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), ReadTime(reader, 4)));
        return rows;
    }

    /// <inheritdoc />
    public async Task InsertAsync(Allocation allocation, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = Command(connection, transaction,
            $"INSERT INTO allocations ({AllocationColumns}) VALUES (@index, @prefix, @contract, @key, @at)"))
        {
            Add(insert, "@index", allocation.Index);
            Add(insert, "@prefix", allocation.Prefix);
            Add(insert, "@contract", allocation.NftContract);
            Add(insert, "@key", allocation.WgPubkey);
            Add(insert, "@at", ToDbTime(allocation.AllocatedAt));
            await ExecuteGuardedAsync(insert, allocation, cancellationToken);
        }
        await AppendHistoryAsync(connection, transaction,
            new AllocationEvent(AllocationEventKind.Allocated, allocation.Index, allocation.Prefix, allocation.NftContract, allocation.WgPubkey, allocation.AllocatedAt),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string nftContract, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        AllocationEvent? released = null;
        await using (var delete = Command(connection, transaction,
            "DELETE FROM allocations WHERE nft_contract = @contract RETURNING prefix_index, prefix, wg_pubkey"))
        {
            Add(delete, "@contract", nftContract);
            await using var reader = await delete.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
                released = new AllocationEvent(AllocationEventKind.Released, reader.GetInt64(0), reader.GetString(1), nftContract, reader.GetString(2), at);
        }
        if (released is null) return false;
        await AppendHistoryAsync(connection, transaction, released, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> UpdateKeyAsync(string nftContract, string wgPubkey, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        AllocationEvent? rekeyed = null;
        await using (var update = Command(connection, transaction,
            "UPDATE allocations SET wg_pubkey = @key WHERE nft_contract = @contract RETURNING prefix_index, prefix"))
        {
            Add(update, "@key", wgPubkey);
            Add(update, "@contract", nftContract);
            try
            {
                await using var reader = await update.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                    rekeyed = new AllocationEvent(AllocationEventKind.Rekeyed, reader.GetInt64(0), reader.GetString(1), nftContract, wgPubkey, at);
            }
            catch (DbException error) when (ClassifyConstraint(error) is { } constraint)
            {
                throw Violation(constraint, $"WireGuard key change for {nftContract}", error);
            }
        }
        if (rekeyed is null) return false;
        await AppendHistoryAsync(connection, transaction, rekeyed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AllocationEvent>> ReadHistoryAsync(string nftContract, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT event, prefix_index, prefix, nft_contract, wg_pubkey, at FROM allocation_history WHERE nft_contract = @contract ORDER BY id");
        Add(command, "@contract", nftContract);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<AllocationEvent>();
        while (await reader.ReadAsync(cancellationToken))
            events.Add(new AllocationEvent(Enum.Parse<AllocationEventKind>(reader.GetString(0), ignoreCase: true),
                reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), ReadTime(reader, 5)));
        return events;
    }

    private async Task ExecuteGuardedAsync(DbCommand command, Allocation allocation, CancellationToken cancellationToken)
    {
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (DbException error) when (ClassifyConstraint(error) is { } constraint)
        {
            throw Violation(constraint, $"allocation of {allocation.Prefix} (index {allocation.Index}) to {allocation.NftContract}", error);
        }
    }

    private async Task AppendHistoryAsync(DbConnection connection, DbTransaction transaction, AllocationEvent entry, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            "INSERT INTO allocation_history (event, prefix_index, prefix, nft_contract, wg_pubkey, at) VALUES (@event, @index, @prefix, @contract, @key, @at)");
        Add(command, "@event", entry.Kind.ToString().ToLowerInvariant());
        Add(command, "@index", entry.Index);
        Add(command, "@prefix", entry.Prefix);
        Add(command, "@contract", entry.NftContract);
        Add(command, "@key", entry.WgPubkey);
        Add(command, "@at", ToDbTime(entry.At));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static AllocationConstraintException Violation(AllocationConstraint constraint, string what, DbException error) =>
        new(constraint, $"the store refused the {what}: {Describe(constraint)}", error);

    private static string Describe(AllocationConstraint constraint) => constraint switch
    {
        AllocationConstraint.Prefix => "that prefix is already held",
        AllocationConstraint.NftContract => "that NFT contract already holds a prefix",
        AllocationConstraint.WgPubkey => "that WireGuard key is already used by another allocation",
        _ => "a value broke a CHECK rule (index 0 is reserved, contracts are lowercase, keys are 44 characters)",
    };

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
