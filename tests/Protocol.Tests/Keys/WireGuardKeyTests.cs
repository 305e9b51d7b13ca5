using System.Security.Cryptography;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Protocol.Tests.Keys;

/// <summary>WireGuard X25519 keys: agreement with `wg pubkey`, clamping like `wg genkey`, and strict base64.</summary>
public sealed class WireGuardKeyTests
{
    private const int DifferentialCount = 120;

    [Fact]
    public async Task PublicKey_OfRandomSecrets_EqualsWgPubkey()
    {
        // Half generated like `wg genkey` (clamped), half raw random bytes: wg clamps before multiplying, so must we.
        var pairs = Enumerable.Range(0, DifferentialCount)
            .Select(i => i % 2 == 0 ? WireGuardKeyPair.Generate() : WireGuardKeyPair.FromPrivateKey(RandomNumberGenerator.GetBytes(32)))
            .ToList();
        var input = string.Join('\n', pairs.Select(p => p.ExportPrivateKeyBase64())) + "\n";

        var result = await ProcessRunner.RunAsync("bash", ["-c", "while read -r k; do printf '%s\\n' \"$k\" | wg pubkey; done"], input);

        var wgPublicKeys = result.EnsureSuccess("wg pubkey").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(pairs.Select(p => p.PublicKey.ToBase64()), wgPublicKeys);
    }

    [Fact]
    public async Task FromPrivateKeyBase64_KeyFromWgGenkey_GivesWgPubkey()
    {
        var secret = await ProcessRunner.OutputAsync("wg", "genkey");
        var expected = (await ProcessRunner.RunAsync("wg", ["pubkey"], secret + "\n")).EnsureSuccess("wg pubkey").StdOut.Trim();

        var pair = WireGuardKeyPair.FromPrivateKeyBase64(secret);

        Assert.Equal(expected, pair.PublicKey.ToBase64());
        Assert.Equal(secret, pair.ExportPrivateKeyBase64());
    }

    [Fact]
    public void Generate_Always_ProducesClampedScalar()
    {
        for (var i = 0; i < 200; i++)
        {
            var secret = WireGuardKeyPair.Generate().ExportPrivateKey();

            Assert.Equal(0, secret[0] & 0x07);
            Assert.Equal(0x40, secret[31] & 0xC0);
        }
    }

    [Fact]
    public void Parse_Base64OfPublicKey_RoundTrips()
    {
        var key = WireGuardKeyPair.Generate().PublicKey;

        var text = key.ToBase64();

        Assert.Equal(WireGuardKey.Base64Length, text.Length);
        Assert.Equal(key, WireGuardKey.Parse(text));
    }

    [Theory]
    [InlineData("", KeyFormatError.WrongLength)]
    [InlineData("sp/3HOKtHE0f7GA+tN9W7GogDVVjkEr+Lwn51SgKNA==", KeyFormatError.WrongLength)] // 44 characters, but 31 bytes
    [InlineData("sp/3HOKtHE0f7GA+tN9W7GogDVVjkEr+Lwn51SgKNAk", KeyFormatError.WrongLength)]
    [InlineData("sp/3HOKtHE0f7GA+tN9W7GogDVVjkEr+Lwn51SgKNAk==", KeyFormatError.WrongLength)]
    [InlineData("sp/3HOKtHE0f7GA+tN9W7GogDVVjkEr+Lwn51SgKNAl=", KeyFormatError.NotBase64)]
    [InlineData("sp/3HOKtHE0f7GA+tN9W7GogDVVjkEr+Lwn51SgK Ak=", KeyFormatError.NotBase64)]
    [InlineData("sp/3HOKtHE0f7GA-tN9W7GogDVVjkEr+Lwn51SgKNAk=", KeyFormatError.NotBase64)]
    [InlineData("sp/3HOKtHE0f7GA+tN9W7GogDVVjkEr+Lwn51SgKNAkA", KeyFormatError.WrongLength)] // 44 characters, but 33 bytes
    public void Parse_MalformedBase64_ThrowsTypedError(string text, KeyFormatError expected)
    {
        var error = Assert.Throws<KeyFormatException>(() => WireGuardKey.Parse(text));

        Assert.Equal(expected, error.Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void FromBytes_WrongLength_ThrowsWrongLength(int length)
    {
        var error = Assert.Throws<KeyFormatException>(() => WireGuardKey.FromBytes(new byte[length]));

        Assert.Equal(KeyFormatError.WrongLength, error.Error);
    }

    [Fact]
    public void ToString_OfKeyPair_NamesOnlyThePublicKey()
    {
        var pair = WireGuardKeyPair.Generate();

        var text = pair.ToString();

        Assert.DoesNotContain(pair.ExportPrivateKeyBase64(), text);
        Assert.Contains(pair.PublicKey.ToBase64(), text);
    }
}
