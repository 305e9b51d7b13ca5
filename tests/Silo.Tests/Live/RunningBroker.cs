using System.Diagnostics;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Silo.Tests.Support;
using BlockhostBroker.TestSupport.Chain;
using BlockhostBroker.TestSupport.Network;

namespace BlockhostBroker.Silo.Tests.Live;

/// <summary>
/// The real daemon as its own process: anvil with forge-deployed contracts, a SQLite file in a temp folder, its
/// WireGuard interface (wireguard-go) in a namespace of a network lab, and free loopback ports for its API and
/// dashboard. Shared by the <see cref="RunningBrokerCollection"/>; everything is stopped on dispose.
/// </summary>
public sealed class RunningBroker : IAsyncLifetime
{
    /// <summary>The upstream prefix: a /112 leaves 255 allocatable /120s.</summary>
    public const string UpstreamPrefix = "2001:db8:5110::/112";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly Queue<string> _output = new();
    private readonly TempDirectory _dir = new("bhb-silo-live-");
    private NetworkLab? _lab;
    private Process? _process;

    /// <summary>The chain with BrokerRegistry and BrokerRequests.</summary>
    public BrokerChain Chain { get; } = new OneSecondBlocks();

    /// <summary>The broker's ECIES key.</summary>
    public Secp256k1KeyPair EciesKey { get; } = Secp256k1KeyPair.Generate();

    /// <summary>The config file the daemon runs with.</summary>
    public string ConfigPath => _dir.File("config.toml");

    /// <summary>The API port (127.0.0.1).</summary>
    public int ApiPort { get; } = FreePort.Next();

    /// <summary>The dashboard port (127.0.0.1).</summary>
    public int DashboardPort { get; } = FreePort.Next();

    /// <summary>The API's base URL.</summary>
    public Uri ApiUrl => new($"http://127.0.0.1:{ApiPort}/");

    /// <summary>The gateway interface's name.</summary>
    public string Interface { get; } = NetworkLab.NewInterfaceName("wgs");

    /// <summary>The namespace holding the interface.</summary>
    public NetworkNamespace Namespace { get; private set; } = null!;

    /// <summary>The last lines the daemon printed, for failure messages.</summary>
    public string RecentOutput { get { lock (_output) return string.Join('\n', _output); } }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        await Chain.InitializeAsync();
        _lab = await NetworkLab.CreateAsync();
        Namespace = await _lab.AddNamespaceAsync("silo");
        KeyFile.WriteEciesKey(_dir.File("ecies.key"), EciesKey);
        KeyFile.WriteEciesKey(_dir.File("operator.key"), Secp256k1KeyPair.FromSecretHex(Chain.Operator.PrivateKeyHex));
        await File.WriteAllTextAsync(ConfigPath, ConfigText());
        Start();
        await WaitUntilServingAsync();
    }

    /// <summary>Runs an admin command in-process against this daemon (adds --api-url).</summary>
    public Task<CliRun> CliAsync(params string[] args) => Support.Cli.RunAsync([.. args, "--api-url", ApiUrl.ToString()]);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            // SIGTERM first, as systemd stops it; the silo leaves the cluster and closes the database.
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(20)))
                _process.Kill(entireProcessTree: true);
        }
        _process?.Dispose();
        if (_lab is not null)
            await _lab.DisposeAsync();
        await Chain.DisposeAsync();
        _dir.Dispose();
    }

    private string ConfigText() => $"""
        [broker]
        upstream_prefix = "{UpstreamPrefix}"

        [wireguard]
        interface = "{Interface}"
        listen_port = 51820
        public_endpoint = "[fd00:5110::1]:51820"
        private_key_file = "{_dir.File("wg.key")}"
        network_namespace = "{Namespace.Name}"
        config_directory = "{_dir.Path}"

        [onchain]
        rpc_url = "{Chain.RpcUrl}"
        chain_id = {Chain.ChainId}
        requests_contract = "{Chain.Contracts.BrokerRequests}"
        registry_contract = "{Chain.Contracts.BrokerRegistry}"
        ecies_key_file = "{_dir.File("ecies.key")}"
        operator_key_file = "{_dir.File("operator.key")}"
        confirmations = 1
        poll_interval_ms = 200
        rejections_per_requester_per_hour = 0
        load_update_interval_seconds = 1

        [storage]
        sqlite_path = "{_dir.File("broker.db")}"

        [silo]
        name = "silo-test"
        silo_port = {FreePort.Next()}
        gateway_port = {FreePort.Next()}

        [dashboard]
        listen = "127.0.0.1:{DashboardPort}"

        [api]
        listen = "127.0.0.1:{ApiPort}"
        """;

    private void Start()
    {
        var start = new ProcessStartInfo("dotnet", [Support.Cli.ProgramDll, "-c", ConfigPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Keep(string? line)
    {
        const int Kept = 300;
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > Kept) _output.Dequeue();
        }
    }

    private async Task WaitUntilServingAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"the daemon exited with {_process.ExitCode} at start-up:\n{RecentOutput}");
            var run = await CliAsync("status");
            if (run.ExitCode == 0 && !run.Out.Contains("problem", StringComparison.Ordinal))
                return;
            await Task.Delay(500);
        }
        throw new TimeoutException($"the daemon did not serve its API within {StartTimeout}:\n{RecentOutput}");
    }
}

/// <summary>A chain that mines a block every second, as a real chain keeps moving (confirmations and receipts need new blocks).</summary>
public sealed class OneSecondBlocks() : BrokerChain(new AnvilOptions { BlockTimeSeconds = 1 });

/// <summary>The tests that share one running daemon.</summary>
[CollectionDefinition(Name)]
public sealed class RunningBrokerCollection : ICollectionFixture<RunningBroker>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "running broker";
}
