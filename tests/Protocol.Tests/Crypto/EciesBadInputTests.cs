using System.Security.Cryptography;
using BlockhostBroker.Protocol.Crypto;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.Protocol.Tests.Crypto;

/// <summary>Damaged, truncated, oversized and mis-keyed envelopes each give their own typed error.</summary>
public sealed class EciesBadInputTests
{
    private static readonly Secp256k1KeyPair Recipient = Secp256k1KeyPair.Generate();
    private static readonly byte[] Plaintext = "{\"prefix\":\"2001:db8::100/120\"}"u8.ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(EciesFormat.EphemeralKeyLength)]
    [InlineData(EciesFormat.Overhead - 1)]
    public void Decrypt_TruncatedEnvelope_ThrowsEnvelopeTooShort(int length)
    {
        var envelope = Ecies.Encrypt(Recipient.PublicKey, Plaintext)[..length];

        var error = Assert.Throws<EciesException>(() => Ecies.Decrypt(Recipient, envelope));

        Assert.Equal(EciesError.EnvelopeTooShort, error.Error);
    }

    [Fact]
    public void Decrypt_EnvelopeCutInsideCiphertext_FailsAuthentication()
    {
        var envelope = Ecies.Encrypt(Recipient.PublicKey, Plaintext);

        var error = Assert.Throws<EciesException>(() => Ecies.Decrypt(Recipient, envelope[..^1]));

        Assert.Equal(EciesError.AuthenticationFailed, error.Error);
    }

    [Fact]
    public void Decrypt_OneByteOverTheCap_ThrowsEnvelopeTooLargeBeforeAnyCurveWork()
    {
        var envelope = new byte[EciesFormat.MaxEnvelopeLength + 1]; // an all-zero ephemeral key would fail the curve check

        var error = Assert.Throws<EciesException>(() => Ecies.Decrypt(Recipient, envelope));

        Assert.Equal(EciesError.EnvelopeTooLarge, error.Error);
    }

    [Fact]
    public void Encrypt_PlaintextOverTheCap_ThrowsPlaintextTooLarge()
    {
        var error = Assert.Throws<EciesException>(() =>
            Ecies.Encrypt(Recipient.PublicKey, new byte[EciesFormat.MaxPlaintextLength + 1]));

        Assert.Equal(EciesError.PlaintextTooLarge, error.Error);
    }

    [Fact]
    public void EncryptDecrypt_LargestAllowedPlaintext_RoundTrips()
    {
        var plaintext = RandomNumberGenerator.GetBytes(EciesFormat.MaxPlaintextLength);

        var envelope = Ecies.Encrypt(Recipient.PublicKey, plaintext);

        Assert.Equal(EciesFormat.MaxEnvelopeLength, envelope.Length);
        Assert.Equal(plaintext, Ecies.Decrypt(Recipient, envelope));
    }

    [Theory]
    [InlineData(EciesFormat.TagOffset, 0x01)]
    [InlineData(EciesFormat.TagOffset + EciesFormat.TagLength - 1, 0x80)]
    [InlineData(EciesFormat.NonceOffset, 0x01)]
    [InlineData(EciesFormat.CiphertextOffset, 0x01)]
    public void Decrypt_FlippedBit_FailsAuthentication(int offset, byte mask)
    {
        var envelope = Ecies.Encrypt(Recipient.PublicKey, Plaintext);
        envelope[offset] ^= mask;

        var error = Assert.Throws<EciesException>(() => Ecies.Decrypt(Recipient, envelope));

        Assert.Equal(EciesError.AuthenticationFailed, error.Error);
    }

    [Fact]
    public void Decrypt_WithAnotherKey_FailsAuthentication()
    {
        var envelope = Ecies.Encrypt(Recipient.PublicKey, Plaintext);

        var error = Assert.Throws<EciesException>(() => Ecies.Decrypt(Secp256k1KeyPair.Generate(), envelope));

        Assert.Equal(EciesError.AuthenticationFailed, error.Error);
    }

    [Fact]
    public void Decrypt_EphemeralPointOffTheCurve_ThrowsInvalidEphemeralKey()
    {
        var envelope = Ecies.Encrypt(Recipient.PublicKey, Plaintext);
        envelope[EciesFormat.EphemeralKeyLength - 1] ^= 0x01; // changes Y only: x³+7 no longer equals y²

        var error = Assert.Throws<EciesException>(() => Ecies.Decrypt(Recipient, envelope));

        Assert.Equal(EciesError.InvalidEphemeralKey, error.Error);
    }

    [Theory]
    [InlineData(0x02)]
    [InlineData(0x03)]
    [InlineData(0x00)]
    [InlineData(0x06)]
    public void Decrypt_EphemeralKeyWithOtherTag_ThrowsInvalidEphemeralKey(byte tag)
    {
        var envelope = Ecies.Encrypt(Recipient.PublicKey, Plaintext);
        envelope[0] = tag;

        var error = Assert.Throws<EciesException>(() => Ecies.Decrypt(Recipient, envelope));

        Assert.Equal(EciesError.InvalidEphemeralKey, error.Error);
    }

    [Fact]
    public void Decrypt_EphemeralCoordinateAboveFieldPrime_ThrowsInvalidEphemeralKey()
    {
        var envelope = Ecies.Encrypt(Recipient.PublicKey, Plaintext);
        envelope.AsSpan(1, 32).Fill(0xFF); // X = 2²⁵⁶−1 ≥ p

        var error = Assert.Throws<EciesException>(() => Ecies.Decrypt(Recipient, envelope));

        Assert.Equal(EciesError.InvalidEphemeralKey, error.Error);
    }

    [Fact]
    public void Decrypt_RandomGarbageOfManyLengths_NeverThrowsAnythingButEciesException()
    {
        for (var length = 0; length < 400; length += 7)
        {
            var garbage = RandomNumberGenerator.GetBytes(length);

            var error = Record.Exception(() => Ecies.Decrypt(Recipient, garbage));

            Assert.IsType<EciesException>(error);
        }
    }

    [Fact]
    public void Encrypt_SamePlaintextTwice_UsesFreshEphemeralKeyAndNonce()
    {
        var first = Ecies.Encrypt(Recipient.PublicKey, Plaintext);
        var second = Ecies.Encrypt(Recipient.PublicKey, Plaintext);

        Assert.NotEqual(first[..EciesFormat.EphemeralKeyLength], second[..EciesFormat.EphemeralKeyLength]);
        Assert.NotEqual(first[EciesFormat.NonceOffset..EciesFormat.TagOffset], second[EciesFormat.NonceOffset..EciesFormat.TagOffset]);
    }

    [Fact]
    public void TryDecrypt_WrongKey_ReturnsFalseWithAuthenticationFailed()
    {
        var envelope = Ecies.Encrypt(Recipient.PublicKey, Plaintext);

        var opened = Ecies.TryDecrypt(Secp256k1KeyPair.Generate(), envelope, out var plaintext, out var error);

        Assert.False(opened);
        Assert.Empty(plaintext);
        Assert.Equal(EciesError.AuthenticationFailed, error);
    }
}
