using System.Text;
using BlockhostBroker.Protocol.Crypto;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.Protocol.Tests.Crypto;

/// <summary>Envelopes made by eciesjs (shared/vectors) open with our ECIES to their exact plaintexts.</summary>
public sealed class EciesVectorTests
{
    [Fact]
    public void VectorFile_HasAllTwelveEnvelopes()
    {
        Assert.Equal(EciesVectors.ExpectedCount, EciesVectors.All.Count);
    }

    [Theory]
    [MemberData(nameof(EciesVectors.Indexes), MemberType = typeof(EciesVectors))]
    public void Decrypt_EciesJsVector_GivesItsPlaintext(int index)
    {
        var vector = EciesVectors.All[index];
        var recipient = Secp256k1KeyPair.FromSecretHex(vector.RecipientSecretKey);

        var plaintext = Ecies.Decrypt(recipient, Convert.FromHexString(vector.Envelope));

        Assert.Equal(vector.PlaintextUtf8, Encoding.UTF8.GetString(plaintext));
    }

    [Theory]
    [MemberData(nameof(EciesVectors.Indexes), MemberType = typeof(EciesVectors))]
    public void PublicKey_OfVectorSecret_MatchesTheRecipientKeyEciesJsUsed(int index)
    {
        var vector = EciesVectors.All[index];

        var recipient = Secp256k1KeyPair.FromSecretHex(vector.RecipientSecretKey);

        Assert.Equal(vector.RecipientPublicKey, recipient.PublicKey.ToHex());
    }

    [Theory]
    [MemberData(nameof(EciesVectors.Indexes), MemberType = typeof(EciesVectors))]
    public void Decrypt_VectorWithAnyByteOfTagFlipped_FailsAuthentication(int index)
    {
        var vector = EciesVectors.All[index];
        var recipient = Secp256k1KeyPair.FromSecretHex(vector.RecipientSecretKey);
        var envelope = Convert.FromHexString(vector.Envelope);
        envelope[EciesFormat.TagOffset + index] ^= 0x01;

        var error = Assert.Throws<EciesException>(() => Ecies.Decrypt(recipient, envelope));

        Assert.Equal(EciesError.AuthenticationFailed, error.Error);
    }
}
