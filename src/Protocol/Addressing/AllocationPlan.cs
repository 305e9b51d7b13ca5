using System.Net;
using System.Numerics;

namespace BlockhostBroker.Protocol.Addressing;

/// <summary>
/// How the broker carves its upstream prefix: into /<see cref="AllocationLength"/> prefixes numbered
/// from 0, where index 0 is reserved for the broker and its gateway address is the first host of
/// that prefix (2001:db8:f04::1 for 2001:db8:f04::/48 with /120 allocations).
/// </summary>
/// <remarks>
/// Counts can exceed 64 bits (/48 into /120 is 2^72 prefixes), so <see cref="Capacity"/> is exact
/// and <see cref="UsableCapacityCapped"/> saturates at <see cref="long.MaxValue"/>. Allocation indices
/// are <see cref="long"/>: a pool hands them out from 1 upwards, so 2^63 - 1 is never reached in practice.
/// </remarks>
public sealed record AllocationPlan
{
    /// <summary>The index reserved for the broker's own addresses.</summary>
    public const long ReservedIndex = 0;

    /// <summary>The lowest index a client can be given.</summary>
    public const long FirstAllocatableIndex = 1;

    /// <summary>The default allocation length: 256 addresses per server.</summary>
    public const int DefaultAllocationLength = 120;

    // The gateway is the first host address of index 0, so an allocation needs at least two addresses.
    private const int LongestAllocationLength = Ipv6Prefix.AddressBits - 1;
    private const long GatewayOffset = 1;

    /// <summary>Validates and builds a plan; throws <see cref="AllocationPlanException"/> when the sizes do not fit.</summary>
    public AllocationPlan(Ipv6Prefix upstream, int allocationLength)
    {
        if (allocationLength <= upstream.Length || allocationLength > LongestAllocationLength)
            throw new AllocationPlanException(
                $"allocation size /{allocationLength} does not fit upstream {upstream}: it must be longer than /{upstream.Length} (index 0 is the broker's) and at most /{LongestAllocationLength}");
        Upstream = upstream;
        AllocationLength = allocationLength;
        Capacity = upstream.SubnetCount(allocationLength);
    }

    /// <summary>The prefix routed to the broker.</summary>
    public Ipv6Prefix Upstream { get; }

    /// <summary>The prefix length of each allocation.</summary>
    public int AllocationLength { get; }

    /// <summary>Every /N prefix in the upstream, the reserved one included.</summary>
    public BigInteger Capacity { get; }

    /// <summary>Prefixes clients can hold (capacity minus the reserved index 0), capped at <see cref="long.MaxValue"/>.</summary>
    public long UsableCapacityCapped => Capacity - 1 > long.MaxValue ? long.MaxValue : (long)(Capacity - 1);

    /// <summary>The broker's gateway address: the first host address of the reserved prefix.</summary>
    public IPAddress Gateway => ReservedPrefix.AddressAt(GatewayOffset);

    /// <summary>The prefix at index 0, reserved for the broker.</summary>
    public Ipv6Prefix ReservedPrefix => Upstream.Subnet(AllocationLength, ReservedIndex);

    /// <summary>The prefix at an allocation index (1 and up; 0 is the reserved prefix).</summary>
    public Ipv6Prefix PrefixAt(long index)
    {
        if (index < ReservedIndex)
            throw new SubnetOutOfRangeException($"allocation index {index} is negative");
        return Upstream.Subnet(AllocationLength, (UInt128)index);
    }

    /// <summary>The allocation index of a prefix of this plan's size inside the upstream.</summary>
    public long IndexOf(Ipv6Prefix prefix)
    {
        if (prefix.Length != AllocationLength)
            throw new SubnetOutOfRangeException($"{prefix} is not a /{AllocationLength} allocation");
        var index = Upstream.SubnetIndex(prefix);
        if (index > (UInt128)long.MaxValue)
            throw new SubnetOutOfRangeException($"{prefix} lies beyond the highest allocation index {long.MaxValue}");
        return (long)index;
    }
}

/// <summary>An upstream prefix and allocation size that do not make a usable plan.</summary>
public sealed class AllocationPlanException(string message) : ArgumentException(message);
