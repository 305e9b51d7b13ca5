using System.Text.Json;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Transactions;
using BlockhostBroker.Silo.Cli;
using BlockhostBroker.Silo.Tests.Support;

using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Silo.Tests.Cli;

/// <summary>The command table without a daemon: usage errors, key generation, and a daemon that is not there.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    /// <inheritdoc />
    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("release")]
    [InlineData("requests")]
    [InlineData("requests", "show", "seven")]
    [InlineData("register", "--capacity", "many")]
    [InlineData("status", "--api-url", "ftp://x")]
    public async Task Run_BadArguments_PrintsUsageToStderrAndExits2(params string[] args)
    {
        var run = await Support.Cli.RunAsync(args);

        Assert.Equal((int)ExitCode.Usage, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains("Usage:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateEciesKey_NewPath_WritesOwnerOnlyFileAndPrintsItsPublicKey()
    {
        var path = _dir.File("ecies.key");

        var run = await Support.Cli.RunAsync("--generate-ecies-key", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var printed = run.Out.Trim();
        Assert.Matches("^0x04[0-9a-f]{128}$", printed);
        Assert.Equal(KeyFile.ReadEciesKey(path).PublicKey.ToHex(with0x: true), printed);
    }

    [Fact]
    public async Task GenerateEciesKey_ExistingFile_RefusesAndKeepsTheKey()
    {
        var path = _dir.File("ecies.key");
        await Support.Cli.RunAsync("--generate-ecies-key", path);
        var before = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);

        var run = await Support.Cli.RunAsync("--generate-ecies-key", path);

        Assert.Equal((int)ExitCode.Failure, run.ExitCode);
        Assert.Contains("already exists", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GenerateWalletKey_Json_PrintsTheAddressOfTheWrittenKey()
    {
        var path = _dir.File("operator.key");

        var run = await Support.Cli.RunAsync("--generate-wallet-key", path, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var expected = OfflineTransactionSigner.FromSecretHex(File.ReadAllText(path).Trim()).Address;
        Assert.Equal(expected, json.RootElement.GetProperty("address").GetString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task Status_NoDaemonListening_ExitsUnavailableNamingTheAddress()
    {
        var port = FreePort.Next();

        var run = await Support.Cli.RunAsync("status", "--api-url", $"http://127.0.0.1:{port}");

        Assert.Equal((int)ExitCode.Unavailable, run.ExitCode);
        Assert.Contains($"127.0.0.1:{port}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ConfigWithBadApiListen_ExitsConfigNamingTheKey()
    {
        var config = _dir.File("config.toml");
        await File.WriteAllTextAsync(config, "[api]\nlisten = \"nowhere\"\n", TestContext.Current.CancellationToken);

        var run = await Support.Cli.RunAsync("status", "-c", config);

        Assert.Equal((int)ExitCode.Config, run.ExitCode);
        Assert.Contains("[api] listen", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Daemon_BadConfig_ExitsConfigListingEveryProblemWithoutStackTrace()
    {
        var text = ConfigText.Valid(_dir).Set("onchain", "requests_contract", "\"0x12\"").Set("api", "listen", "\"0.0.0.0:8081\"")
            .Append("[metrics]\nport = 9100").ToString();
        var config = _dir.File("config.toml");
        await File.WriteAllTextAsync(config, text, TestContext.Current.CancellationToken);

        var run = await Support.Cli.RunProcessAsync(TimeSpan.FromSeconds(60), "-c", config);

        Assert.Equal((int)ExitCode.Config, run.ExitCode);
        Assert.Contains("3 problem(s)", run.Error, StringComparison.Ordinal);
        Assert.Contains("[onchain] requests_contract: \"0x12\" is not a 20-byte address", run.Error, StringComparison.Ordinal);
        Assert.Contains("[api] listen:", run.Error, StringComparison.Ordinal);
        Assert.Contains("[metrics] is not a known table", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }
}
