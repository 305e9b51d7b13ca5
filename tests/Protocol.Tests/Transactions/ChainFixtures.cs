using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.Protocol.Tests.Transactions;

/// <summary>An anvil that mines only on evm_mine, so sent transactions stay in the pool.</summary>
public sealed class ManualMiningChain() : AnvilChain(new AnvilOptions { AutoMine = false });

/// <summary>An automining anvil on the Berlin hardfork: no EIP-1559, legacy transactions only.</summary>
public sealed class BerlinChain() : AnvilChain(new AnvilOptions { Hardfork = "berlin" });

/// <summary>An anvil that mines a block every second on its own.</summary>
public sealed class IntervalMiningChain() : AnvilChain(new AnvilOptions { BlockTimeSeconds = 1 });
