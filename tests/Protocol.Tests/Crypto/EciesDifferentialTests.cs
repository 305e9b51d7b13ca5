using System.Security.Cryptography;
using BlockhostBroker.Protocol.Crypto;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.Protocol.Tests.Crypto;

/// <summary>Our ECIES and eciesjs open each other's envelopes: 200 random cases each way, one node process per direction.</summary>
public sealed class EciesDifferentialTests
{
    private const int BatchSize = 200;
    private const int MaxPlaintextLength = 600;

    [Fact]
    public async Task Encrypt_RandomBatch_EciesJsDecryptsEveryEnvelope()
    {
        var cases = RandomCases();
        var envelopes = cases.Select(c => Ecies.Encrypt(c.Key.PublicKey, c.Plaintext)).ToList();

        var opened = await EciesJsBatch.DecryptAsync(cases.Select((c, i) => (c.Key.ExportSecretHex(), envelopes[i])));

        Assert.Equal(BatchSize, opened.Count);
        for (var i = 0; i < BatchSize; i++)
            Assert.Equal(cases[i].Plaintext, opened[i]);
    }

    [Fact]
    public async Task Decrypt_RandomBatchFromEciesJs_GivesEveryPlaintext()
    {
        var cases = RandomCases();

        var envelopes = await EciesJsBatch.EncryptAsync(cases.Select(c => (c.Key.PublicKey.ToHex(), c.Plaintext)));

        Assert.Equal(BatchSize, envelopes.Count);
        for (var i = 0; i < BatchSize; i++)
        {
            Assert.Equal(EciesFormat.Overhead + cases[i].Plaintext.Length, envelopes[i].Length);
            Assert.Equal(cases[i].Plaintext, Ecies.Decrypt(cases[i].Key, envelopes[i]));
        }
    }

    // Lengths include 0, 1, block boundaries and odd sizes; every case has its own recipient key.
    private static List<(Secp256k1KeyPair Key, byte[] Plaintext)> RandomCases() =>
        Enumerable.Range(0, BatchSize)
            .Select(i => (Secp256k1KeyPair.Generate(),
                RandomNumberGenerator.GetBytes(i < 34 ? i : RandomNumberGenerator.GetInt32(MaxPlaintextLength))))
            .ToList();
}
