namespace BlockhostBroker.Protocol.Addressing;

/// <summary>A subnet, index or offset that does not lie inside the prefix it was asked of.</summary>
public sealed class SubnetOutOfRangeException(string message) : ArgumentOutOfRangeException(null, message);
