using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Protocol.Keys;
using Microsoft.Extensions.Options;

namespace BlockhostBroker.Grains.Tests.Chain;

public sealed class OperatorAccountTests : IDisposable
{
    // anvil's first dev account: a public test key.
    private const string DevSecret = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string DevAddress = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    private readonly string directory = Directory.CreateTempSubdirectory("bhb-operator-").FullName;

    private WalletOptions Options(string keyFile) => new() { OperatorKeyFile = Path.Combine(directory, keyFile), ChainId = 5 };

    [Fact]
    public void Load_KeyFile_DerivesTheWalletKeyFromTheOperatorAddress()
    {
        var options = Options("operator.key");
        KeyFile.WriteEciesKey(options.OperatorKeyFile, Secp256k1KeyPair.FromSecretHex(DevSecret));

        using var account = OperatorAccount.Load(options);

        Assert.Equal($"5:{DevAddress}", account.Key.ToString());
        Assert.DoesNotContain(DevSecret, account.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Load_MissingKeyFile_ThrowsNamingTheConfigKeyAndTheFile()
    {
        var options = Options("absent.key");

        var error = Assert.Throws<WalletConfigurationException>(() => OperatorAccount.Load(options));

        Assert.StartsWith("onchain.operator_key_file:", error.Message);
        Assert.Contains(options.OperatorKeyFile, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedKeyFile_ThrowsWithoutEchoingTheContent()
    {
        var options = Options("bad.key");
        File.WriteAllText(options.OperatorKeyFile, "not-a-key-" + DevSecret[..20] + "\n");

        var error = Assert.Throws<WalletConfigurationException>(() => OperatorAccount.Load(options));

        Assert.DoesNotContain(DevSecret[..20], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidOptions_ThrowsOptionsValidationException()
    {
        var options = Options("operator.key");
        options.FeeBumpPercent = 1m;

        Assert.Throws<OptionsValidationException>(() => OperatorAccount.Load(options));
    }

    [Fact]
    public void Registry_WalletFor_ReturnsTheOnlyWalletOfTheChainAndRefusesUnknownOnes()
    {
        var options = Options("operator.key");
        KeyFile.WriteEciesKey(options.OperatorKeyFile, Secp256k1KeyPair.FromSecretHex(DevSecret));
        using var registry = new OperatorWalletRegistry();
        registry.Add(OperatorAccount.Load(options));

        Assert.Equal($"5:{DevAddress}", registry.WalletFor(5));
        Assert.Throws<WalletNotConfiguredException>(() => registry.WalletFor(1));
        Assert.Throws<WalletNotConfiguredException>(() => registry.Get(WalletKey.For(5, "0x70997970c51812dc3a010c7d01b50e0d17dc79c8")));
        Assert.Throws<WalletConfigurationException>(() => registry.Add(OperatorAccount.Load(options)));
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(directory, recursive: true);
}
