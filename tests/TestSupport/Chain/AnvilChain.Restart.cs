using System.Security.Cryptography;

namespace BlockhostBroker.TestSupport.Chain;

// Taking the node down and bringing the same chain back (AnvilOptions.PersistState). anvil 1.7.1 writes its
// --state file when it exits on SIGTERM and loads it on start: blocks with their hashes, transactions and receipts,
// accounts with nonces, balances, code and storage, and the head block number, so the chain continues where it
// stopped. Its mempool is not kept: transactions pending at the stop are gone, as on a node that restarts.
public partial class AnvilChain
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private string? stateFile;

    /// <summary>True while the anvil process runs.</summary>
    public bool IsRunning => process is { HasExited: false };

    /// <summary>Stops anvil with SIGTERM, so it writes its state file, and waits for it to exit; the port stays reserved by nobody.</summary>
    public async Task StopAsync()
    {
        if (stateFile is null)
            throw new InvalidOperationException("this chain keeps no state file: set AnvilOptions.PersistState");
        if (process is not { HasExited: false } running)
            return;
        (await ProcessRunner.RunAsync("kill", ["-TERM", running.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])).EnsureSuccess("kill -TERM anvil");
        using var wait = new CancellationTokenSource(StopTimeout);
        await running.WaitForExitAsync(wait.Token);
        if (!File.Exists(stateFile))
            throw new InvalidOperationException($"anvil wrote no state file at {stateFile}:\n{RecentOutput}");
    }

    /// <summary>Starts anvil again on the same port from its state file: same chain id, blocks, nonces and contracts.</summary>
    public async Task RestartAsync()
    {
        if (stateFile is null)
            throw new InvalidOperationException("this chain keeps no state file: set AnvilOptions.PersistState");
        if (IsRunning)
            throw new InvalidOperationException("anvil is still running");
        process?.Dispose();
        if (!await TryStartAsync())
            throw new InvalidOperationException($"anvil did not restart on port {Port}:\n{RecentOutput}");
    }

    private static string NewStateFile() =>
        Path.Combine(Path.GetTempPath(), $"bhb-anvil-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.json");

    private void DeleteStateFile()
    {
        if (stateFile is not null)
            File.Delete(stateFile);
    }
}
