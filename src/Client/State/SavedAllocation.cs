using BlockhostBroker.Client.Cli;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.Client.State;

/// <summary>The saved allocation with its typed tunnel facts and the WireGuard key it was requested with.</summary>
/// <param name="Record">allocation.json as saved.</param>
/// <param name="Peer">The typed, re-validated tunnel facts.</param>
/// <param name="Key">The WireGuard key pair from wg.key.</param>
public sealed record SavedAllocation(AllocationRecord Record, TunnelPeer Peer, WireGuardKeyPair Key)
{
    /// <summary>Loads the allocation and key; throws <see cref="NoAllocationException"/> when none is saved.</summary>
    public static SavedAllocation Load(StateDirectory state)
    {
        var record = state.ReadAllocation() ?? throw new NoAllocationException(state.Root);
        var peer = record.ToTunnelPeer();
        var key = state.ReadWireGuardKey();
        // The broker accepts only the key that was sent with the request; a replaced wg.key cannot work.
        if (key.PublicKey.ToBase64() != record.WgPubkey)
            throw new UsageException(
                $"{state.PathOf(StateDirectory.WireGuardKeyFile)} is not the key allocation #{record.RequestId} was requested with",
                "restore the original wg.key, or ask anew with `broker-client request --force`");
        return new SavedAllocation(record, peer, key);
    }

    /// <summary>The header line of the wg-quick file.</summary>
    public string WgQuickHeader =>
        $"wg-quick file written by broker-client for request #{Record.RequestId} ({Record.Prefix} via {Record.BrokerEndpoint})";
}
