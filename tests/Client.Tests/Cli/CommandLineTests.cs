using BlockhostBroker.Client.Cli;
using BlockhostBroker.Client.Tests.Support;

namespace BlockhostBroker.Client.Tests.Cli;

public sealed class CommandLineTests
{
    private const string Nft = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
    private const string Contract = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    public static TheoryData<string[]> BadArguments => new()
    {
        Array.Empty<string>(),
        new[] { "frobnicate" },
        new[] { "request", "--wallet-key", "/tmp/k" },
        new[] { "request", "--nft-contract", "0x1234", "--wallet-key", "/tmp/k" },
        new[] { "request", "--nft-contract", Nft.ToUpperInvariant().Replace("0X", "0x"), "--wallet-key", "/tmp/k", "--broker-id", "1", "--region", "eu" },
        new[] { "request", "--nft-contract", Nft, "--wallet-key", "/tmp/k", "--broker-id", "1", "--region", "eu" },
        new[] { "request", "--nft-contract", Nft, "--wallet-key", "/tmp/k", "--requests-contract", Contract },
        new[] { "request", "--nft-contract", Nft, "--wallet-key", "/tmp/k", "--requests-contract", Contract, "--broker-pubkey", "04abcd" },
        new[] { "request", "--nft-contract", Nft, "--wallet-key", "/tmp/k", "--timeout", "0" },
        new[] { "request", "--nft-contract", Nft, "--wallet-key", "/tmp/k", "--poll-interval", "5" },
        new[] { "configure", "--wg-interface", "this-name-is-far-too-long" },
        new[] { "status", "--rpc-url", "not a url" },
        new[] { "status", "--rpc-url", "ftp://127.0.0.1/" },
        new[] { "status", "--chain-id", "0" },
        new[] { "release", "--cleanup-wg", "extra" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Run_BadArguments_PrintsUsageToStderrAndExitsUsage(string[] args)
    {
        var outcome = await ClientRun.RunAsync(args);

        Assert.Equal(ExitCode.Usage, outcome.Code);
        Assert.Contains("Usage:", outcome.StdErr);
        Assert.Equal("", outcome.StdOut);
    }

    [Fact]
    public async Task Run_MixedCaseNftAddressWithBadChecksum_NamesTheChecksum()
    {
        var badChecksum = "0xE7f1725E7734CE288F8367e1Bb143E90bb3F0512";

        var outcome = await ClientRun.RunAsync(["request", "--nft-contract", badChecksum, "--wallet-key", "/tmp/k"]);

        Assert.Equal(ExitCode.Usage, outcome.Code);
        Assert.Contains("checksum", outcome.StdErr);
    }

    [Fact]
    public async Task Version_PrintsProgramNameAndVersion()
    {
        var outcome = await ClientRun.RunAsync(["--version"]);

        Assert.Equal(ExitCode.Success, outcome.Code);
        Assert.Equal($"broker-client {CommandTable.Version}", outcome.StdOut.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", CommandTable.Version);
    }

    [Fact]
    public async Task Help_ListsEveryCommandOfTheTable()
    {
        var outcome = await ClientRun.RunAsync(["--help"]);

        Assert.Equal(ExitCode.Success, outcome.Code);
        foreach (var command in CommandTable.CreateCommands())
            Assert.Contains(command.Definition.Name, outcome.StdOut);
    }

    [Fact]
    public async Task RequestHelp_ListsTheOriginalClientsFlags()
    {
        var outcome = await ClientRun.RunAsync(["request", "--help"]);

        foreach (var flag in new[] { "--nft-contract", "--wallet-key", "--broker-id", "--region", "--requests-contract", "--broker-pubkey",
                     "--timeout", "--poll-interval", "--configure-wg", "--wg-interface", "--rpc-url", "--registry-contract", "--chain-id",
                     "--state-dir", "--json" })
            Assert.Contains(flag, outcome.StdOut);
    }

    [Fact]
    public async Task ListBrokers_WithoutRegistry_ExitsUsageNamingTheOption()
    {
        var outcome = await ClientRun.RunAsync(["list-brokers"]);

        Assert.Equal(ExitCode.Usage, outcome.Code);
        Assert.Contains("--registry-contract", outcome.StdErr);
    }

    [Fact]
    public async Task ListBrokers_RegistryVariableNotAnAddress_ExitsUsageNamingTheVariable()
    {
        var outcome = await ClientRun.RunAsync(["list-brokers"], variables: new Dictionary<string, string> { [GlobalOptions.RegistryVariable] = "nope" });

        Assert.Equal(ExitCode.Usage, outcome.Code);
        Assert.Contains(GlobalOptions.RegistryVariable, outcome.StdErr);
    }
}
