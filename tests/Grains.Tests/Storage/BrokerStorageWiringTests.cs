using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.Storage;
using BlockhostBroker.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BlockhostBroker.Grains.Tests.Storage;

/// <summary>
/// The storage wiring in real silo hosts: the embedded SQLite store and the fleet's PostgreSQL store
/// each carry allocations, grain state and reminders across a silo restart.
/// </summary>
public sealed class BrokerStorageWiringTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sqlite_RealSilo_KeepsAllocationsStateAndRemindersAcrossRestart()
    {
        using var file = new TempSqliteFile();
        var storage = new BrokerStorageOptions { Provider = BrokerStorageOptions.SqliteProvider, SqlitePath = file.Path };
        var contract = TestData.Contract();

        Allocation allocated;
        await using (var silo = await BrokerSiloHost.StartAsync(storage, Ct))
        {
            allocated = Allocated(await silo.Pool.Allocate(contract, TestData.Key()));
            await silo.Grains.GetGrain<IGrainStateProbe>("state").Write("kept");
            await silo.Grains.GetGrain<IReminderProbe>("reminded").Arm();
        }

        await using var restarted = await BrokerSiloHost.StartAsync(storage, Ct);

        Assert.Equal(allocated, await restarted.Pool.Get(contract));
        Assert.Equal(new ProbeNote("kept", 1), await restarted.Grains.GetGrain<IGrainStateProbe>("state").Read());
        Assert.Equal(1L, await SqliteScalarAsync(file.ConnectionString, "SELECT count(*) FROM reminders WHERE reminder_name = 'probe' AND grain_id LIKE '%reminded'"));
    }

    [Fact]
    public async Task PostgreSql_TwoSilos_ShareOnePoolAndItMovesToTheSurvivorWithEverythingStored()
    {
        var connectionString = await postgres.CreateDatabaseAsync("fleet");
        var storage = new BrokerStorageOptions { Provider = BrokerStorageOptions.PostgreSqlProvider, PostgreSqlConnection = connectionString };
        var first = TestData.Contract();
        await using var survivor = await BrokerSiloHost.StartAsync(storage, Ct);

        Allocation allocated;
        await using (var leaving = await BrokerSiloHost.StartAsync(storage, Ct))
        {
            Assert.Equal(2L, await PostgresScalarAsync(connectionString, "SELECT count(*) FROM OrleansMembershipTable WHERE Status = 3"));
            allocated = Allocated(await leaving.Pool.Allocate(first, TestData.Key()));
            // Both silos hammer the pool at once; there is one pool and one holder per prefix.
            await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
                (i % 2 == 0 ? leaving : survivor).Pool.Allocate(TestData.Contract(), TestData.Key())));
            await leaving.Grains.GetGrain<IGrainStateProbe>("state").Write("kept");
            await leaving.Grains.GetGrain<IReminderProbe>("reminded").Arm();
        }

        var next = Allocated(await survivor.Pool.Allocate(TestData.Contract(), TestData.Key()));

        Assert.Equal(allocated, await survivor.Pool.Get(first));
        Assert.Equal(62, next.Index);
        Assert.Equal(new ProbeNote("kept", 1), await survivor.Grains.GetGrain<IGrainStateProbe>("state").Read());
        Assert.Equal(62L, await PostgresScalarAsync(connectionString, "SELECT count(DISTINCT prefix_index) FROM allocations"));
        Assert.Equal(62L, await PostgresScalarAsync(connectionString, "SELECT count(DISTINCT nft_contract) FROM allocations"));
        Assert.Equal(1L, await PostgresScalarAsync(connectionString, "SELECT count(*) FROM OrleansRemindersTable WHERE ReminderName = 'probe'"));
    }

    [Fact]
    public async Task PostgreSql_AllocationReloadedAfterRestart_IsIdenticalToTheAnswer()
    {
        // Regression: the answer carried 100 ns ticks that PostgreSQL (microseconds) drops, so a
        // reloaded pool returned a different AllocatedAt than the caller had been given.
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 25, 7, 2, 31, TimeSpan.Zero).AddTicks(1_234_567));
        var storage = new BrokerStorageOptions { Provider = BrokerStorageOptions.PostgreSqlProvider, PostgreSqlConnection = await postgres.CreateDatabaseAsync("reload") };
        var contract = TestData.Contract();
        Allocation answered;
        await using (var silo = await BrokerSiloHost.StartAsync(storage, Ct, s => s.Services.AddSingleton<TimeProvider>(clock)))
            answered = Allocated(await silo.Pool.Allocate(contract, TestData.Key()));

        await using var restarted = await BrokerSiloHost.StartAsync(storage, Ct);

        Assert.Equal(answered, await restarted.Pool.Get(contract));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static Allocation Allocated(AllocationResult result) => Assert.IsType<AllocationResult.Allocated>(result).Allocation;

    private static async Task<object?> SqliteScalarAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }

    private static async Task<object?> PostgresScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }
}
