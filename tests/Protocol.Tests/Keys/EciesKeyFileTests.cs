using System.Runtime.Versioning;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.Protocol.Tests.Keys;

/// <summary>ECIES key files in the seed's format: 0600 from creation, round trips, strict reading with the file named, no clobbering.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class EciesKeyFileTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _directory = Directory.CreateTempSubdirectory("protocol-keyfile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void WriteEciesKey_NewFile_IsMode0600AndOneLineOf64Hex()
    {
        var path = PathFor("ecies.key");
        var key = Secp256k1KeyPair.Generate();

        KeyFile.WriteEciesKey(path, key);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Equal(key.ExportSecretHex() + "\n", File.ReadAllText(path));
        Assert.Matches("^[0-9a-f]{64}\n$", File.ReadAllText(path));
    }

    [Fact]
    public void WriteEciesKey_NewFile_LeavesNoTemporaryFileBehind()
    {
        var path = PathFor("ecies.key");

        KeyFile.WriteEciesKey(path, Secp256k1KeyPair.Generate());

        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void ReadEciesKey_AfterWrite_GivesSameKey()
    {
        var path = PathFor("ecies.key");
        var key = Secp256k1KeyPair.Generate();
        KeyFile.WriteEciesKey(path, key);

        var read = KeyFile.ReadEciesKey(path);

        Assert.Equal(key.PublicKey, read.PublicKey);
    }

    [Theory]
    [InlineData("0x{0}\n")]
    [InlineData("{0}")]
    [InlineData("  {0}\r\n")]
    public void ReadEciesKey_SeedVariants_AreAccepted(string format)
    {
        var key = Secp256k1KeyPair.Generate();
        var path = PathFor("ecies.key");
        File.WriteAllText(path, string.Format(format, key.ExportSecretHex()));

        var read = KeyFile.ReadEciesKey(path);

        Assert.Equal(key.PublicKey, read.PublicKey);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key\n")]
    [InlineData("0x\n")]
    [InlineData("1a89b49dc0bb9052fb98318e53b4ba836c26ec811ebdee9ff9c26615d13f6b\n")]
    [InlineData("1a89b49dc0bb9052fb98318e53b4ba836c26ec811ebdee9ff9c26615d13f6b82\n1a89b49dc0bb9052fb98318e53b4ba836c26ec811ebdee9ff9c26615d13f6b82\n")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000\n")]
    [InlineData("sp/3HOKtHE0f7GA+tN9W7GogDVVjkEr+Lwn51SgKNAk=\n")]
    public void ReadEciesKey_Garbage_ThrowsMalformedNamingTheFile(string content)
    {
        var path = PathFor("garbage.key");
        File.WriteAllText(path, content);

        var error = Assert.Throws<KeyFileException>(() => KeyFile.ReadEciesKey(path));

        Assert.Equal(KeyFileError.Malformed, error.Error);
        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void ReadEciesKey_NonAsciiAndOversizedFiles_ThrowMalformed()
    {
        var binary = PathFor("binary.key");
        File.WriteAllBytes(binary, [0xFF, 0xFE, 0x00, 0x41]);
        var huge = PathFor("huge.key");
        File.WriteAllText(huge, new string('a', 1_000_000));

        Assert.Equal(KeyFileError.Malformed, Assert.Throws<KeyFileException>(() => KeyFile.ReadEciesKey(binary)).Error);
        Assert.Equal(KeyFileError.Malformed, Assert.Throws<KeyFileException>(() => KeyFile.ReadEciesKey(huge)).Error);
    }

    [Fact]
    public void ReadEciesKey_MissingFile_ThrowsNotFound()
    {
        var path = PathFor("absent.key");

        var error = Assert.Throws<KeyFileException>(() => KeyFile.ReadEciesKey(path));

        Assert.Equal(KeyFileError.NotFound, error.Error);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void ReadEciesKey_OutOfRangeSecret_MessageNeverContainsTheSecret()
    {
        var path = PathFor("order.key");
        const string secret = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
        File.WriteAllText(path, secret + "\n");

        var error = Assert.Throws<KeyFileException>(() => KeyFile.ReadEciesKey(path));

        Assert.DoesNotContain(secret, error.ToString());
    }

    [Fact]
    public void WriteEciesKey_ExistingFile_IsRefusedAndLeftUntouched()
    {
        var path = PathFor("ecies.key");
        var original = Secp256k1KeyPair.Generate();
        KeyFile.WriteEciesKey(path, original);

        var error = Assert.Throws<KeyFileException>(() => KeyFile.WriteEciesKey(path, Secp256k1KeyPair.Generate()));

        Assert.Equal(KeyFileError.AlreadyExists, error.Error);
        Assert.Equal(original.PublicKey, KeyFile.ReadEciesKey(path).PublicKey);
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void WriteEciesKey_ExistingWorldReadableFileWithOverwrite_IsReplacedWithMode0600()
    {
        var path = PathFor("ecies.key");
        File.WriteAllText(path, "old\n");
        File.SetUnixFileMode(path, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var replacement = Secp256k1KeyPair.Generate();

        KeyFile.WriteEciesKey(path, replacement, overwrite: true);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Equal(replacement.PublicKey, KeyFile.ReadEciesKey(path).PublicKey);
    }

    [Fact]
    public void WriteEciesKey_MissingParentDirectory_CreatesItOwnerOnly()
    {
        var path = Path.Combine(_directory, "etc", "blockhost-broker", "ecies.key");

        KeyFile.WriteEciesKey(path, Secp256k1KeyPair.Generate());

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void LoadOrCreateEciesKey_CalledTwice_CreatesOnceThenReadsSameKey()
    {
        var path = PathFor("ecies.key");

        var first = KeyFile.LoadOrCreateEciesKey(path);
        var second = KeyFile.LoadOrCreateEciesKey(path);

        Assert.Equal(first.PublicKey, second.PublicKey);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
    }

    private string PathFor(string name) => Path.Combine(_directory, name);
}
