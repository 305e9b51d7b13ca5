using BlockhostBroker.Client.Cli;

using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Client.Tests.Support;

/// <summary>Shared arrangements of the chain tests: a temp folder per test and the client's arguments for the fixture's chain.</summary>
public abstract class ChainTestBase(ClientChain chain) : IDisposable
{
    /// <summary>Seconds a successful request may wait.</summary>
    public const string AnswerTimeout = "30";

    /// <summary>The shared chain.</summary>
    protected ClientChain Chain { get; } = chain;

    /// <summary>This test's folder.</summary>
    protected TempDirectory Temp { get; } = new();

    /// <summary>This test's state folder.</summary>
    protected string State => Temp.At("state");

    /// <inheritdoc />
    public void Dispose() => Temp.Dispose();

    /// <summary>The global options naming the fixture's chain, registry and this test's state folder, with --json.</summary>
    protected string[] Globals() =>
        ["--rpc-url", Chain.RpcUrl.ToString(), "--registry-contract", Chain.Registry, "--state-dir", State, "--json"];

    /// <summary>Runs `request` for an NFT contract with the server wallet (unless another key file is given), polling fast.</summary>
    protected Task<ClientOutcome> RequestAsync(string nft, params string[] extra) => RequestWithKeyAsync(nft, WalletKey(), extra);

    /// <summary>Runs `request` with a given wallet key file.</summary>
    protected Task<ClientOutcome> RequestWithKeyAsync(string nft, string walletKey, params string[] extra) =>
        ClientRun.RunAsync(["request", .. Globals(), "--nft-contract", nft, "--wallet-key", walletKey, "--poll-interval", "100",
            .. extra.Contains("--timeout") ? extra : [.. extra, "--timeout", AnswerTimeout]]);

    /// <summary>The server wallet's key file.</summary>
    protected string WalletKey() => ClientChain.WriteWalletKey(Temp.Path, Chain.ServerWallet);

    /// <summary>Asserts the exit code, showing the output when it differs.</summary>
    protected static void AssertExit(ExitCode expected, ClientOutcome outcome) =>
        Assert.True(outcome.Code == expected, $"expected {expected}, got {outcome}");
}
