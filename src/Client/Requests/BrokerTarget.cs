using BlockhostBroker.Client.Chain;
using BlockhostBroker.Client.Cli;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.Client.Requests;

/// <summary>The broker a request goes to: its requests contract and the key to encrypt to.</summary>
/// <param name="BrokerId">Its registry id, or null for the direct form.</param>
/// <param name="RequestsContract">Its BrokerRequests contract.</param>
/// <param name="Pubkey">Its ECIES key.</param>
/// <param name="Region">Its region, when known from the registry.</param>
public sealed record BrokerTarget(ulong? BrokerId, string RequestsContract, Secp256k1PublicKey Pubkey, string? Region)
{
    /// <summary>How `request` names a broker: exactly one of these is set, or none (any active broker with room).</summary>
    /// <param name="BrokerId">--broker-id.</param>
    /// <param name="Region">--region.</param>
    /// <param name="RequestsContract">--requests-contract (direct form).</param>
    /// <param name="Pubkey">--broker-pubkey (direct form).</param>
    public sealed record Choice(ulong? BrokerId, string? Region, string? RequestsContract, Secp256k1PublicKey? Pubkey);

    /// <summary>Resolves the choice, reading the registry unless the direct form was used.</summary>
    public static async Task<BrokerTarget> ResolveAsync(ChainSession chain, string? registry, Choice choice, CancellationToken cancellationToken)
    {
        if (choice is { RequestsContract: { } contract, Pubkey: { } key })
            return new BrokerTarget(null, contract, key, null);
        if (registry is null)
            throw new UsageException("--registry-contract (or BROKER_REGISTRY_CONTRACT) is needed to find a broker",
                "or name the broker directly with --requests-contract and --broker-pubkey");
        var directory = new BrokerDirectory(chain.Rpc, registry);
        var broker = choice.BrokerId is { } id
            ? await ActiveByIdAsync(directory, id, cancellationToken)
            : BrokerSelector.Choose(await directory.ActiveAsync(choice.Region, cancellationToken), choice.Region);
        var pubkey = broker.TryGetKey()
            ?? throw new NoActiveBrokerException($"broker #{broker.Id} has no valid encryption key in the registry", "pick another broker");
        return new BrokerTarget(broker.Id, broker.RequestsContract, pubkey, broker.Region);
    }

    private static async Task<BrokerListing> ActiveByIdAsync(BrokerDirectory directory, ulong id, CancellationToken cancellationToken)
    {
        var broker = await directory.GetAsync(id, cancellationToken);
        return broker.Active ? broker : throw new BrokerInactiveException(id);
    }
}
