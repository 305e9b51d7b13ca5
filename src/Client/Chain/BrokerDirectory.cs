using System.Numerics;
using BlockhostBroker.Client.Cli;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;

namespace BlockhostBroker.Client.Chain;

/// <summary>Reads brokers from the BrokerRegistry contract.</summary>
public sealed class BrokerDirectory(IEthereumRpc rpc, string registry)
{
    /// <summary>The registry's revert for an unknown id.</summary>
    public const string InvalidBrokerIdReason = "Invalid broker ID";

    private readonly ContractReader _registry = new(rpc, registry);

    /// <summary>The active brokers, all or of one region, in id order.</summary>
    public async Task<IReadOnlyList<BrokerListing>> ActiveAsync(string? region, CancellationToken cancellationToken)
    {
        var output = region is null
            ? await _registry.QueryDtoAsync<BrokerRegistry.GetActiveBrokersFunction, BrokerRegistry.ActiveBrokersOutput>(
                new BrokerRegistry.GetActiveBrokersFunction(), cancellationToken: cancellationToken)
            : await _registry.QueryDtoAsync<BrokerRegistry.GetActiveBrokersByRegionFunction, BrokerRegistry.ActiveBrokersOutput>(
                new BrokerRegistry.GetActiveBrokersByRegionFunction { Region = region }, cancellationToken: cancellationToken);
        return [.. output.Ids.Zip(output.Active, BrokerListing.From)];
    }

    /// <summary>One broker by id, active or not; throws <see cref="NoActiveBrokerException"/> for an unknown id.</summary>
    public async Task<BrokerListing> GetAsync(ulong id, CancellationToken cancellationToken)
    {
        try
        {
            var output = await _registry.QueryDtoAsync<BrokerRegistry.GetBrokerFunction, BrokerRegistry.GetBrokerOutput>(
                new BrokerRegistry.GetBrokerFunction { BrokerId = id }, cancellationToken: cancellationToken);
            return BrokerListing.From(new BigInteger(id), output.Broker);
        }
        catch (ContractRevertException e) when (e.Reason == InvalidBrokerIdReason)
        {
            throw new NoActiveBrokerException($"the registry has no broker #{id}", "list them with `broker-client list-brokers`");
        }
    }
}
