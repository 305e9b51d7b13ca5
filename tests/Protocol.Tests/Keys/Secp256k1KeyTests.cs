using BlockhostBroker.Protocol.Keys;
using Nethereum.Signer;

namespace BlockhostBroker.Protocol.Tests.Keys;

/// <summary>secp256k1 key pairs: generation, hex forms, curve checks, and agreement with Nethereum's independent implementation.</summary>
public sealed class Secp256k1KeyTests
{
    private const string GroupOrderHex = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

    [Fact]
    public void PublicKey_OfGeneratedSecrets_MatchesNethereum()
    {
        for (var i = 0; i < 50; i++)
        {
            var key = Secp256k1KeyPair.Generate();

            var nethereum = new EthECKey(key.ExportSecretHex()).GetPubKey();

            Assert.Equal(Convert.ToHexStringLower(nethereum), key.PublicKey.ToHex());
        }
    }

    [Fact]
    public void FromSecretHex_With0xPrefix_GivesSameKeyAsWithout()
    {
        var key = Secp256k1KeyPair.Generate();

        var with0x = Secp256k1KeyPair.FromSecretHex("0x" + key.ExportSecretHex());

        Assert.Equal(key.PublicKey, with0x.PublicKey);
        Assert.Equal(key.ExportSecretHex(), with0x.ExportSecretHex());
    }

    [Fact]
    public void ExportSecretHex_SmallSecret_IsPaddedTo64Digits()
    {
        var key = Secp256k1KeyPair.FromSecretHex(new string('0', 63) + "1");

        Assert.Equal(new string('0', 63) + "1", key.ExportSecretHex());
        Assert.Equal(65, key.PublicKey.ToBytes().Length);
    }

    [Theory]
    [InlineData("", KeyFormatError.WrongLength)]
    [InlineData("0x", KeyFormatError.WrongLength)]
    [InlineData("abcd", KeyFormatError.WrongLength)]
    [InlineData("0X1a89b49dc0bb9052fb98318e53b4ba836c26ec811ebdee9ff9c26615d13f6b82", KeyFormatError.WrongLength)]
    [InlineData("zz89b49dc0bb9052fb98318e53b4ba836c26ec811ebdee9ff9c26615d13f6b82", KeyFormatError.NotHex)]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", KeyFormatError.SecretOutOfRange)]
    [InlineData(GroupOrderHex, KeyFormatError.SecretOutOfRange)]
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", KeyFormatError.SecretOutOfRange)]
    public void FromSecretHex_Invalid_ThrowsTypedErrorWithoutTheText(string hex, KeyFormatError expected)
    {
        var error = Assert.Throws<KeyFormatException>(() => Secp256k1KeyPair.FromSecretHex(hex));

        Assert.Equal(expected, error.Error);
        if (hex.Length > 8) Assert.DoesNotContain(hex[^16..], error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToString_OfKeyPair_NamesOnlyThePublicKey()
    {
        var key = Secp256k1KeyPair.Generate();

        var text = key.ToString();

        Assert.DoesNotContain(key.ExportSecretHex(), text);
        Assert.Contains(key.PublicKey.ToHex(), text);
    }

    [Fact]
    public void PublicKeyParse_HexWithAndWithout0x_RoundTrips()
    {
        var key = Secp256k1KeyPair.Generate().PublicKey;

        Assert.Equal(key, Secp256k1PublicKey.Parse(key.ToHex()));
        Assert.Equal(key, Secp256k1PublicKey.Parse(key.ToHex(with0x: true)));
        Assert.Equal(key, Secp256k1PublicKey.Parse(key.ToHex().ToUpperInvariant()));
        Assert.StartsWith("0x04", key.ToHex(with0x: true));
    }

    [Fact]
    public void PublicKeyFromBytes_PointOffTheCurve_ThrowsNotOnCurve()
    {
        var bytes = Secp256k1KeyPair.Generate().PublicKey.ToBytes();
        bytes[^1] ^= 0x01;

        var error = Assert.Throws<KeyFormatException>(() => Secp256k1PublicKey.FromBytes(bytes));

        Assert.Equal(KeyFormatError.NotOnCurve, error.Error);
        Assert.False(Secp256k1PublicKey.IsValid(bytes));
    }

    [Fact]
    public void PublicKeyFromBytes_CompressedOrWrongLength_IsRejected()
    {
        var bytes = Secp256k1KeyPair.Generate().PublicKey.ToBytes();
        var compressed = bytes.ToArray();
        compressed[0] = 0x02;

        Assert.Equal(KeyFormatError.NotUncompressed, Assert.Throws<KeyFormatException>(() => Secp256k1PublicKey.FromBytes(compressed)).Error);
        Assert.Equal(KeyFormatError.WrongLength, Assert.Throws<KeyFormatException>(() => Secp256k1PublicKey.FromBytes(bytes[..33])).Error);
        Assert.Equal(KeyFormatError.WrongLength, Assert.Throws<KeyFormatException>(() => Secp256k1PublicKey.FromBytes([.. bytes, 0])).Error);
        Assert.True(Secp256k1PublicKey.IsValid(bytes));
    }

    [Fact]
    public void PublicKeyTryParse_NotHex_ReturnsNotHex()
    {
        var text = "04" + new string('g', 128);

        var parsed = Secp256k1PublicKey.TryParse(text, out var key, out var error);

        Assert.False(parsed);
        Assert.Null(key);
        Assert.Equal(KeyFormatError.NotHex, error);
    }
}
