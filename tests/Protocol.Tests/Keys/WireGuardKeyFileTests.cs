using System.Runtime.Versioning;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Protocol.Tests.Keys;

/// <summary>WireGuard private key files: one base64 line as `wg genkey` writes, 0600, readable by `wg pubkey` and back.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class WireGuardKeyFileTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _directory = Directory.CreateTempSubdirectory("protocol-wgkeyfile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task WriteWireGuardKey_NewFile_IsMode0600AndReadableByWgPubkey()
    {
        var path = PathFor("wg.key");
        var pair = WireGuardKeyPair.Generate();

        KeyFile.WriteWireGuardKey(path, pair);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        var wgPublic = await ProcessRunner.RunAsync("wg", ["pubkey"], File.ReadAllText(path));
        Assert.Equal(pair.PublicKey.ToBase64(), wgPublic.EnsureSuccess("wg pubkey").StdOut.Trim());
    }

    [Fact]
    public async Task ReadWireGuardKey_FileWrittenByWgGenkey_GivesWgPubkey()
    {
        var path = PathFor("wg.key");
        var genkey = await ProcessRunner.OutputAsync("wg", "genkey");
        File.WriteAllText(path, genkey + "\n");
        var expected = (await ProcessRunner.RunAsync("wg", ["pubkey"], genkey + "\n")).EnsureSuccess("wg pubkey").StdOut.Trim();

        var pair = KeyFile.ReadWireGuardKey(path);

        Assert.Equal(expected, pair.PublicKey.ToBase64());
    }

    [Fact]
    public void ReadWireGuardKey_HexContent_ThrowsMalformedNamingTheFile()
    {
        var path = PathFor("wg.key");
        File.WriteAllText(path, Secp256k1KeyPair.Generate().ExportSecretHex() + "\n");

        var error = Assert.Throws<KeyFileException>(() => KeyFile.ReadWireGuardKey(path));

        Assert.Equal(KeyFileError.Malformed, error.Error);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void LoadOrCreateWireGuardKey_CalledTwice_CreatesOnceThenReadsSameKey()
    {
        var path = PathFor("wg.key");

        var first = KeyFile.LoadOrCreateWireGuardKey(path);
        var second = KeyFile.LoadOrCreateWireGuardKey(path);

        Assert.Equal(first.PublicKey, second.PublicKey);
    }

    private string PathFor(string name) => Path.Combine(_directory, name);
}
