using BlockhostBroker.Grains.Storage;

namespace BlockhostBroker.Grains.Tests.Storage;

/// <summary>Validation of the [storage] section: every message names the key to fix.</summary>
public sealed class BrokerStorageOptionsTests
{
    [Theory]
    [InlineData("mysql", "", "", BrokerStorageOptions.ProviderKey)]
    [InlineData("SQLite", "", "", BrokerStorageOptions.ProviderKey)]
    [InlineData("sqlite", "", "", BrokerStorageOptions.SqlitePathKey)]
    [InlineData("sqlite", "/nonexistent-dir-for-test/broker.db", "", BrokerStorageOptions.SqlitePathKey)]
    [InlineData("sqlite", "/tmp", "", BrokerStorageOptions.SqlitePathKey)]
    [InlineData("postgresql", "", "", BrokerStorageOptions.PostgreSqlConnectionKey)]
    [InlineData("postgresql", "", "Database=broker", BrokerStorageOptions.PostgreSqlConnectionKey)]
    [InlineData("postgresql", "", "Hots=db;Database=broker", BrokerStorageOptions.PostgreSqlConnectionKey)]
    public void Validate_BadSettings_NamesTheKey(string provider, string sqlitePath, string connection, string key)
    {
        var options = new BrokerStorageOptions { Provider = provider, SqlitePath = sqlitePath, PostgreSqlConnection = connection };

        var problems = options.Validate();

        Assert.Single(problems);
        Assert.StartsWith(key, problems[0]);
    }

    [Fact]
    public void Validate_ConnectionStringWithPassword_DoesNotEchoIt()
    {
        var options = new BrokerStorageOptions { Provider = "postgresql", PostgreSqlConnection = "Password=hunter2;Hots=db" };

        var problems = options.Validate();

        Assert.DoesNotContain("hunter2", Assert.Single(problems));
    }

    [Theory]
    [InlineData("sqlite", "/tmp/broker.db", "")]
    [InlineData("postgresql", "", "Host=db.internal;Database=broker;Username=broker;Password=x")]
    public void Validate_GoodSettings_HasNoProblems(string provider, string sqlitePath, string connection)
    {
        var options = new BrokerStorageOptions { Provider = provider, SqlitePath = sqlitePath, PostgreSqlConnection = connection };

        Assert.Empty(options.Validate());
    }
}
