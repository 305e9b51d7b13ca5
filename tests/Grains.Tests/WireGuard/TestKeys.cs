using System.Security.Cryptography;

namespace BlockhostBroker.Grains.Tests.WireGuard;

/// <summary>Well-formed WireGuard public keys for tests that never talk to a real peer.</summary>
internal static class TestKeys
{
    /// <summary>A key that is the same on every run, distinct per seed.</summary>
    public static string Fixed(byte seed) => Convert.ToBase64String(Enumerable.Repeat(seed, 32).ToArray());

    /// <summary>A fresh random key (32 random bytes are a valid Curve25519 public key as far as wg is concerned).</summary>
    public static string Random() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
