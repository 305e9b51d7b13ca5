using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.Protocol.Tests.Contracts;

/// <summary>One anvil with forge-deployed BrokerRegistry and BrokerRequests for every class in the collection (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class ChainCollection : ICollectionFixture<BrokerChain>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "broker-chain";
}
