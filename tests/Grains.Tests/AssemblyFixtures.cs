using BlockhostBroker.TestSupport;

// One throwaway PostgreSQL server for the whole run, started only if a test asks for a database.
[assembly: AssemblyFixture(typeof(PostgresServer))]
