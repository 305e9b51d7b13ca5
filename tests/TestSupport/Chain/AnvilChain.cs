using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Protocol.Transactions;

namespace BlockhostBroker.TestSupport.Chain;

/// <summary>
/// A real anvil on a free 127.0.0.1 port, started in <see cref="InitializeAsync"/> and killed on dispose
/// (also when the test host exits without disposing). Use it as a class or collection fixture so one
/// chain serves many tests; <see cref="BrokerChain"/> adds the forge-deployed contracts.
/// </summary>
public partial class AnvilChain : IAsyncLifetime
{
    private const int StartAttempts = 5;
    private const int OutputLinesKept = 200;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RpcTimeout = TimeSpan.FromSeconds(20);
    private readonly Queue<string> output = new();
    private readonly List<DevAccount> accounts = [];
    private Process? process;
    private EthereumRpc? rpc;

    /// <summary>An automining chain with default options.</summary>
    public AnvilChain() : this(new AnvilOptions()) { }

    /// <summary>A chain with the given options (protected: xunit fixtures may have one public constructor; derive to choose options).</summary>
    protected AnvilChain(AnvilOptions options) => Options = options;

    /// <summary>The options it was started with.</summary>
    public AnvilOptions Options { get; }

    /// <summary>The port anvil listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The JSON-RPC URL.</summary>
    public Uri RpcUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary>The chain id.</summary>
    public long ChainId => Options.ChainId;

    /// <summary>A JSON-RPC client of this chain.</summary>
    public EthereumRpc Rpc => rpc ?? throw new InvalidOperationException("anvil is not started");

    /// <summary>The prefunded dev accounts, parsed from anvil's banner (the well-known test mnemonic).</summary>
    public IReadOnlyList<DevAccount> Accounts => accounts;

    /// <summary>The last lines anvil printed, for failure messages.</summary>
    public string RecentOutput { get { lock (output) return string.Join('\n', output); } }

    /// <inheritdoc />
    public virtual async ValueTask InitializeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
        if (Options.PersistState)
            stateFile = NewStateFile();
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            if (await TryStartAsync()) break;
            Kill();
            if (attempt == StartAttempts)
                throw new InvalidOperationException($"anvil did not start after {StartAttempts} attempts:\n{RecentOutput}");
        }
        rpc = new EthereumRpc(RpcUrl, RpcTimeout);
    }

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        rpc?.Dispose();
        Kill();
        DeleteStateFile();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private async Task<bool> TryStartAsync()
    {
        var psi = new ProcessStartInfo(FoundryTools.Anvil)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in Arguments()) psi.ArgumentList.Add(a);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, listening);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, listening);
        process.Exited += (_, _) => listening.TrySetResult();
        lock (output) output.Clear();
        accounts.Clear();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            return false; // the caller kills it and tries another port
        }
        return !process.HasExited && accounts.Count > 0;
    }

    private IEnumerable<string> Arguments()
    {
        yield return "--host"; yield return "127.0.0.1";
        yield return "--port"; yield return Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return "--chain-id"; yield return Options.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return "--accounts"; yield return Options.Accounts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Options.BlockTimeSeconds is { } seconds)
        {
            yield return "--block-time"; yield return seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (!Options.AutoMine)
        {
            yield return "--no-mining";
        }
        if (Options.Hardfork is { } fork)
        {
            yield return "--hardfork"; yield return fork;
        }
        if (stateFile is not null)
        {
            yield return "--state"; yield return stateFile;
        }
    }

    private void OnLine(string? line, TaskCompletionSource listening)
    {
        if (line is null) return;
        lock (output)
        {
            output.Enqueue(line);
            while (output.Count > OutputLinesKept) output.Dequeue();
        }
        if (PrivateKeyLine().Match(line) is { Success: true } key)
            lock (accounts) accounts.Add(new DevAccount(OfflineTransactionSigner.FromSecretHex(key.Groups[1].Value), key.Groups[1].Value));
        if (line.StartsWith("Listening on ", StringComparison.Ordinal))
            listening.TrySetResult();
    }

    private void Kill()
    {
        try
        {
            if (process is { HasExited: false }) process.Kill(entireProcessTree: true);
            process?.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // never started or already gone
        }
        process?.Dispose();
        process = null;
    }

    private void KillOnExit(object? sender, EventArgs e) => Kill();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^\(\d+\) (0x[0-9a-fA-F]{64})\s*$")]
    private static partial Regex PrivateKeyLine();
}
