using System.Security.Cryptography;
using BlockhostBroker.Grains.PrefixPool;

namespace BlockhostBroker.Grains.Tests.Storage;

/// <summary>Builders for test data: NFT contract addresses, WireGuard keys and allocations.</summary>
public static class TestData
{
    /// <summary>A random lowercase NFT contract address.</summary>
    public static string Contract() => "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    /// <summary>A random WireGuard-shaped public key (base64 of 32 bytes).</summary>
    public static string Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>An allocation at an index with fresh contract and key, stamped to the millisecond.</summary>
    public static Allocation Allocation(long index, string? contract = null, string? key = null) =>
        new(index, $"2001:db8:f04::{index:x}00/120", contract ?? Contract(), key ?? Key(),
            DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
}
