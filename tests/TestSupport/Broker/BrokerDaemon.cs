using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using BlockhostBroker.Protocol.Keys;

namespace BlockhostBroker.TestSupport.Broker;

/// <summary>
/// The real blockhost-broker daemon as its own process, started from the program beside the test assembly (the
/// test project references src/Silo). It keeps the last lines it printed for failure messages, can be stopped the
/// way systemd stops it (SIGTERM) or killed with SIGKILL, and started again on the same config and files.
/// </summary>
public sealed class BrokerDaemon : IAsyncDisposable
{
    private const int KeptLines = 400;
    private static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(120);
    private readonly Queue<string> _output = new();
    private readonly HttpClient _http;
    private Process? _process;

    /// <summary>Writes the config (and the keys, when missing) for <paramref name="config"/>; call <see cref="StartAsync"/> next.</summary>
    public BrokerDaemon(BrokerDaemonConfig config, Secp256k1KeyPair eciesKey)
    {
        Config = config;
        EciesKey = eciesKey;
        Directory.CreateDirectory(config.Directory);
        if (!File.Exists(config.EciesKeyFile))
            KeyFile.WriteEciesKey(config.EciesKeyFile, eciesKey);
        if (!File.Exists(config.OperatorKeyFile))
            KeyFile.WriteEciesKey(config.OperatorKeyFile, Secp256k1KeyPair.FromSecretHex(config.Chain.Operator.PrivateKeyHex));
        File.WriteAllText(config.ConfigPath, config.Render());
        _http = new HttpClient { BaseAddress = ApiUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The program started: blockhost-broker.dll beside the test assembly.</summary>
    public static string ProgramDll => Path.Combine(AppContext.BaseDirectory, "blockhost-broker.dll");

    /// <summary>What the daemon runs with.</summary>
    public BrokerDaemonConfig Config { get; }

    /// <summary>The broker's ECIES key (requests are sealed to its public half).</summary>
    public Secp256k1KeyPair EciesKey { get; }

    /// <summary>The status API's base URL.</summary>
    public Uri ApiUrl => new($"http://127.0.0.1:{Config.ApiPort}/");

    /// <summary>Extra environment variables for the next start (e.g. a fault-injection point).</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>The process id while running.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The exit code of the last run, once it ended.</summary>
    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>The last lines the daemon printed.</summary>
    public string RecentOutput { get { lock (_output) return string.Join('\n', _output); } }

    /// <summary>Starts the process and waits until its API answers /api/status without problems.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        Launch();
        await WaitUntilServingAsync(timeout ?? DefaultStartTimeout);
    }

    /// <summary>Starts the process without waiting for it (for fault runs that expect it to die).</summary>
    public void Launch()
    {
        if (IsRunning)
            throw new InvalidOperationException("the daemon is already running");
        _process?.Dispose();
        var start = new ProcessStartInfo("dotnet", [ProgramDll, "-c", Config.ConfigPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in Environment)
            start.Environment[name] = value;
        Keep($"--- start {DateTime.UtcNow:O}");
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Polls /api/status until it answers 200 with no problems; fails with the daemon's output.</summary>
    public async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (_process is null || _process.HasExited)
                throw new InvalidOperationException($"the daemon exited with {_process?.ExitCode} at start-up:\n{RecentOutput}");
            try
            {
                using var status = await GetJsonAsync("api/status");
                var problems = status.RootElement.GetProperty("problems");
                if (problems.GetArrayLength() == 0)
                    return;
                last = problems.ToString();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                last = e.Message;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"the daemon did not serve its API within {timeout} (last: {last}):\n{RecentOutput}");
    }

    /// <summary>GETs a JSON document from the API (relative path, e.g. "api/allocations").</summary>
    public async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
    }

    /// <summary>GETs and deserializes a JSON document from the API (camelCase).</summary>
    public Task<T?> GetAsync<T>(string path) => _http.GetFromJsonAsync<T>(path, JsonSerializerOptions.Web);

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut or an OOM kill. Waits for the process to be gone.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process)
            return;
        Signal("KILL", process.Id);
        await process.WaitForExitAsync();
        Keep($"--- killed {DateTime.UtcNow:O}");
    }

    /// <summary>SIGTERM, as systemd stops it; SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        if (_process is not { HasExited: false } process)
            return;
        Signal("TERM", process.Id);
        using var wait = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Waits for the process to end by itself (e.g. at a fault-injection point); false after the timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        if (_process is null)
            return true;
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        _http.Dispose();
    }

    private static void Signal(string signal, int pid) =>
        Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > KeptLines) _output.Dequeue();
        }
    }
}
