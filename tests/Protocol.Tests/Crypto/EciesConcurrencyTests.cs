using System.Security.Cryptography;
using BlockhostBroker.Protocol.Crypto;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.Protocol.Tests.Crypto;

/// <summary>ECIES shares curve tables across threads (grains encrypt concurrently); parallel use must stay correct.</summary>
public sealed class EciesConcurrencyTests
{
    private const int Workers = 8;
    private const int RoundsPerWorker = 25;

    [Fact]
    public async Task EncryptDecrypt_FromManyThreadsAtOnce_EveryEnvelopeRoundTrips()
    {
        var recipient = Secp256k1KeyPair.Generate();

        var failures = await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(() =>
            Enumerable.Range(0, RoundsPerWorker).Count(_ =>
            {
                var plaintext = RandomNumberGenerator.GetBytes(RandomNumberGenerator.GetInt32(1, 400));
                return !plaintext.AsSpan().SequenceEqual(Ecies.Decrypt(recipient, Ecies.Encrypt(recipient.PublicKey, plaintext)));
            }))));

        Assert.All(failures, count => Assert.Equal(0, count));
    }
}
