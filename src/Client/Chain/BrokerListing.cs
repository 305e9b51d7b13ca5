using System.Numerics;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.Client.Chain;

/// <summary>A broker as the registry lists it.</summary>
/// <param name="Id">Its registry id.</param>
/// <param name="Operator">The operator's account.</param>
/// <param name="RequestsContract">Its BrokerRequests contract.</param>
/// <param name="EncryptionPubkey">Its ECIES key (hex of 65 bytes), or the raw hex when the registry holds something else.</param>
/// <param name="Region">Its region label.</param>
/// <param name="Active">Whether it takes requests.</param>
/// <param name="Capacity">Maximum allocations (0 = unlimited).</param>
/// <param name="CurrentLoad">Allocations held, as last reported.</param>
/// <param name="RegisteredAt">When it registered.</param>
public sealed record BrokerListing(
    ulong Id, string Operator, string RequestsContract, string EncryptionPubkey, string Region, bool Active,
    BigInteger Capacity, BigInteger CurrentLoad, DateTimeOffset RegisteredAt)
{
    /// <summary>True when capacity is unlimited or above the load.</summary>
    public bool HasRoom => Capacity.IsZero || CurrentLoad < Capacity;

    /// <summary>Free allocations, or null when unlimited.</summary>
    public BigInteger? FreeSlots => Capacity.IsZero ? null : BigInteger.Max(Capacity - CurrentLoad, BigInteger.Zero);

    /// <summary>The ECIES key, or null when the registered bytes are not a valid uncompressed secp256k1 key.</summary>
    public Secp256k1PublicKey? TryGetKey() =>
        Secp256k1PublicKey.TryParse(EncryptionPubkey, out var key, out _) ? key : null;

    /// <summary>Converts the registry's struct.</summary>
    public static BrokerListing From(BigInteger id, BrokerRegistry.Broker broker) => new(
        (ulong)id, broker.Operator, broker.RequestsContract, Convert.ToHexStringLower(broker.EncryptionPubkey), broker.Region, broker.Active,
        broker.Capacity, broker.CurrentLoad, DateTimeOffset.FromUnixTimeSeconds((long)broker.RegisteredAt));
}
