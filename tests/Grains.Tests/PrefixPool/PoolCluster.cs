using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace BlockhostBroker.Grains.Tests.PrefixPool;

/// <summary>
/// A one-silo in-process cluster whose storage is the broker's real SQLite wiring on a given file
/// (schema migration, ADO.NET grain state, SQLite reminders and allocation store), with a prefix pool.
/// Stopping one and starting another on the same file is a silo restart.
/// </summary>
public sealed class PoolCluster : IAsyncDisposable
{
    /// <summary>The default test upstream: the example from config.example.toml.</summary>
    public const string DefaultUpstream = "2001:db8:f04::/48";

    // Grain state and reminders are scoped by ServiceId; a restarted silo must keep it (the test
    // cluster would otherwise pick a random one per start).
    private const string ServiceId = "blockhost-broker-test";

    private PoolCluster(InProcessTestCluster cluster, string databasePath) => (Cluster, DatabasePath) = (cluster, databasePath);

    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster { get; }

    /// <summary>The SQLite file behind it.</summary>
    public string DatabasePath { get; }

    /// <summary>The pool grain, through the cluster's client.</summary>
    public IPrefixPoolGrain Pool => Cluster.Client.GetGrain<IPrefixPoolGrain>(PrefixPoolGrain.SingletonKey);

    /// <summary>Starts a cluster on a SQLite file with a pool over the given upstream and allocation size.</summary>
    public static async Task<PoolCluster> StartAsync(string databasePath, string upstream = DefaultUpstream, int allocationSize = 120)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.ServiceId = ServiceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddBrokerStorage(new BrokerStorageOptions { Provider = BrokerStorageOptions.SqliteProvider, SqlitePath = databasePath });
            silo.Services.AddPrefixPool(o =>
            {
                o.UpstreamPrefix = upstream;
                o.AllocationSize = allocationSize;
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new PoolCluster(cluster, databasePath);
    }

    /// <summary>The rows of the allocations table, read straight from the file.</summary>
    public async Task<IReadOnlyList<(long Index, string Prefix, string NftContract, string WgPubkey)>> ReadTableAsync()
    {
        await using var connection = new SqliteConnection(SqliteDatabase.ConnectionString(DatabasePath));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT prefix_index, prefix, nft_contract, wg_pubkey FROM allocations ORDER BY prefix_index";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, string, string, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return rows;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
