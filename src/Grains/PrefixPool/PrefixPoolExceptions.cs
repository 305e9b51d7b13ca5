namespace BlockhostBroker.Grains.PrefixPool;

/// <summary>The prefix pool's configuration is invalid or disagrees with what the store was built with.</summary>
[GenerateSerializer, Alias("PrefixPoolConfigurationException")]
public sealed class PrefixPoolConfigurationException(string message, Exception? inner = null) : InvalidOperationException(message, inner);

/// <summary>An Allocate/Release/Get argument that is not an NFT contract address or a WireGuard public key.</summary>
[GenerateSerializer, Alias("InvalidAllocationRequestException")]
public sealed class InvalidAllocationRequestException(string message) : ArgumentException(message);

/// <summary>The pool's in-memory view and its store disagree (rows edited behind its back); the pool reloads on its next call.</summary>
[GenerateSerializer, Alias("PrefixPoolOutOfSyncException")]
public sealed class PrefixPoolOutOfSyncException(string message) : InvalidOperationException(message);
