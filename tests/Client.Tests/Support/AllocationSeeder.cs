using BlockhostBroker.Client.State;

namespace BlockhostBroker.Client.Tests.Support;

/// <summary>Builds a saved allocation in a state folder, as `request` leaves it, for the commands that only read it.</summary>
public sealed class AllocationSeeder
{
    /// <summary>The prefix used unless told otherwise (index 1 of 2001:db8::/112 with /120 allocations).</summary>
    public const string DefaultPrefix = "2001:db8::100/120";

    /// <summary>The broker's tunnel address (index 0 of the upstream, reserved for the broker).</summary>
    public const string DefaultGateway = "2001:db8::1";

    /// <summary>The prefix to save.</summary>
    public string Prefix { get; init; } = DefaultPrefix;

    /// <summary>The gateway to save.</summary>
    public string Gateway { get; init; } = DefaultGateway;

    /// <summary>The broker's WireGuard public key (base64).</summary>
    public string BrokerPubkey { get; init; } = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray());

    /// <summary>The broker's endpoint.</summary>
    public string Endpoint { get; init; } = "[fd00:b::1]:51820";

    /// <summary>Generates the keys (as `request` would) and writes allocation.json; returns the saved record.</summary>
    public AllocationRecord Seed(string stateDirectory)
    {
        var state = new StateDirectory(stateDirectory);
        var (wireGuard, _) = state.LoadOrCreateKeys();
        var record = new AllocationRecord(Prefix, Gateway, BrokerPubkey, Endpoint, 31337,
            "0x5FbDB2315678afecb367f032d93F642f64180aa3", 1, "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", 7,
            wireGuard.PublicKey.ToBase64(), DateTimeOffset.UnixEpoch);
        state.WriteAllocation(record);
        return record;
    }
}
