namespace BlockhostBroker.Grains;

/// <summary>Names of the Orleans providers the grains use; the host registers providers under these names.</summary>
public static class StorageNames
{
    /// <summary>The grain-state storage for every broker grain (SQLite file or PostgreSQL).</summary>
    public const string Broker = "broker";
}
