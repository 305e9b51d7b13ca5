using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.TestSupport;
using BlockhostBroker.TestSupport.Broker;
using BlockhostBroker.TestSupport.Chain;
using BlockhostBroker.TestSupport.Network;

namespace BlockhostBroker.Bench.Daemon;

/// <summary>
/// The real blockhost-broker daemon as a process (<see cref="BrokerDaemon"/>) on the bench chain, with its
/// wireguard-go interface in a namespace of the bench's network lab and a SQLite file in its own temp folder.
/// </summary>
public sealed class BrokerUnderTest : IAsyncDisposable
{
    private readonly TempDirectory _dir;

    private BrokerUnderTest(TempDirectory dir, BrokerDaemon daemon, NetworkNamespace ns) => (_dir, Daemon, Namespace) = (dir, daemon, ns);

    /// <summary>The daemon process.</summary>
    public BrokerDaemon Daemon { get; }

    /// <summary>The namespace holding the daemon's interface.</summary>
    public NetworkNamespace Namespace { get; }

    /// <summary>The broker's ECIES public key, which requests are sealed to.</summary>
    public Secp256k1PublicKey EciesPublicKey => Daemon.EciesKey.PublicKey;

    /// <summary>
    /// Writes the config and keys (storage: a SQLite file, or <paramref name="postgresConnection"/>), runs <paramref name="beforeStart"/> (e.g. seeding its store), starts the daemon
    /// and waits until its API reports no problems.
    /// </summary>
    public static async Task<BrokerUnderTest> StartAsync(
        NetworkLab lab, BrokerChain chain, string role, string upstreamPrefix, Func<BrokerDaemonConfig, Task>? beforeStart = null,
        string? postgresConnection = null)
    {
        var dir = new TempDirectory($"bhb-bench-{role}-");
        var ns = await lab.AddNamespaceAsync(role);
        var config = new BrokerDaemonConfig
        {
            Directory = dir.Path,
            Chain = chain,
            UpstreamPrefix = upstreamPrefix,
            Interface = NetworkLab.NewInterfaceName("wgb"),
            Namespace = ns.Name,
            PostgresConnection = postgresConnection,
        };
        var daemon = new BrokerDaemon(config, Secp256k1KeyPair.Generate());
        var broker = new BrokerUnderTest(dir, daemon, ns);
        try
        {
            if (beforeStart is not null) await beforeStart(config);
            await daemon.StartAsync(TimeSpan.FromMinutes(5));
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>A memory field of /proc/PID/status in bytes (e.g. "VmRSS", "RssAnon", "RssFile", "VmHWM").</summary>
    public long MemoryBytes(string field)
    {
        var pid = Daemon.ProcessId ?? throw new InvalidOperationException("the daemon is not running");
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        return kib * 1024;
    }

    /// <summary>CPU time the daemon has used so far (user + system, from /proc/PID/stat), in seconds.</summary>
    public double CpuSeconds()
    {
        const double TicksPerSecond = 100; // USER_HZ: 100 on every Linux architecture .NET runs on
        var pid = Daemon.ProcessId ?? throw new InvalidOperationException("the daemon is not running");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture)
            + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Daemon.DisposeAsync();
        _dir.Dispose();
    }
}
