using System.Numerics;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using static BlockhostBroker.Protocol.Contracts.BrokerRegistry;

namespace BlockhostBroker.Silo.Api;

/// <summary>An admin request the broker cannot carry out as asked; the status code says whose fault it is.</summary>
public sealed class AdminRequestException(int statusCode, string message, string? hint = null) : InvalidOperationException(message)
{
    /// <summary>HTTP status of the answer.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>What the operator can do.</summary>
    public string? Hint { get; } = hint;
}

/// <summary>
/// This broker's entry in the BrokerRegistry: reads it, registers it, brings pubkey/region/capacity to the wanted
/// values and (de)activates it. Every transaction goes through the operator wallet grain.
/// </summary>
public sealed class RegistryAdmin(BrokerTargets targets, IEthereumRpc rpc, WalletCalls wallet)
{
    private BrokerRegistryService Registry => new(rpc, RequireRegistry());

    /// <summary>The registry's view of this broker (Registered = false when the operator has no entry).</summary>
    public async Task<RegistryView> GetAsync(CancellationToken cancellationToken)
    {
        var registry = Registry;
        var id = await registry.GetBrokerIdOfOperatorAsync(targets.OperatorAddress, cancellationToken: cancellationToken);
        var pubkey = targets.EciesPublicKey!.ToHex(with0x: true);
        if (id.IsZero)
            return new RegistryView(registry.Address, 0, false, false, "", 0, 0, "", false);
        var broker = await registry.GetBrokerAsync(id, cancellationToken: cancellationToken);
        var onChainKey = "0x" + Convert.ToHexStringLower(broker.EncryptionPubkey);
        return new RegistryView(registry.Address, (long)id, true, broker.Active, broker.Region, (long)broker.Capacity, (long)broker.CurrentLoad,
            onChainKey, string.Equals(onChainKey, pubkey, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Registers the broker, or brings an existing entry's pubkey, region and capacity to the wanted values.</summary>
    public async Task<RegistryActionReport> RegisterAsync(RegisterBody body, CancellationToken cancellationToken)
    {
        if (body.Capacity is < 0)
            throw new AdminRequestException(400, $"capacity {body.Capacity} is negative", "use 0 for unlimited or the most allocations this broker takes");
        var current = await GetAsync(cancellationToken);
        var sent = new List<TxOutcome>();
        if (!current.Registered)
        {
            if (string.IsNullOrWhiteSpace(body.Region))
                throw new AdminRequestException(400, "a new registration needs a region", "pass --region, e.g. --region eu-west");
            var data = BrokerRegistryService.RegisterBrokerCalldata(targets.RequestsContract, targets.EciesPublicKey!.ToBytes(), body.Region, body.Capacity ?? 0);
            sent.Add(await wallet.SendAsync("registerBroker", current.Contract, data, cancellationToken));
        }
        else
            sent.AddRange(await ConvergeAsync(current, body, cancellationToken));
        return new RegistryActionReport(await GetAsync(cancellationToken), sent);
    }

    /// <summary>Sends activate() or deactivate() unless the entry already is in that state.</summary>
    public async Task<RegistryActionReport> SetActiveAsync(bool active, CancellationToken cancellationToken)
    {
        var current = await GetAsync(cancellationToken);
        if (!current.Registered)
            throw new AdminRequestException(409, "this broker is not registered", "run `blockhost-broker register --region R` first");
        var sent = new List<TxOutcome>();
        if (current.Active != active)
        {
            var data = active ? ContractReader.Calldata(new ActivateFunction()) : ContractReader.Calldata(new DeactivateFunction());
            sent.Add(await wallet.SendAsync(active ? "activate" : "deactivate", current.Contract, data, cancellationToken));
        }
        return new RegistryActionReport(await GetAsync(cancellationToken), sent);
    }

    private async Task<List<TxOutcome>> ConvergeAsync(RegistryView current, RegisterBody body, CancellationToken cancellationToken)
    {
        var sent = new List<TxOutcome>();
        if (!current.PubkeyMatches)
            sent.Add(await wallet.SendAsync("updateEncryptionPubkey", current.Contract,
                ContractReader.Calldata(new UpdateEncryptionPubkeyFunction { EncryptionPubkey = targets.EciesPublicKey!.ToBytes() }), cancellationToken));
        if (!string.IsNullOrWhiteSpace(body.Region) && body.Region != current.Region)
            sent.Add(await wallet.SendAsync("updateRegion", current.Contract,
                ContractReader.Calldata(new UpdateRegionFunction { Region = body.Region }), cancellationToken));
        if (body.Capacity is { } capacity && capacity != current.Capacity)
            sent.Add(await wallet.SendAsync("updateCapacity", current.Contract,
                ContractReader.Calldata(new UpdateCapacityFunction { Capacity = new BigInteger(capacity) }), cancellationToken));
        return sent;
    }

    private string RequireRegistry() => targets.HasRegistry
        ? targets.RegistryContract
        : throw new AdminRequestException(409, "no registry is configured",
            "set [onchain] registry_contract (and [onchain] enabled = true) in the config and restart the broker");
}
