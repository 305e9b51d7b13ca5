using System.Globalization;
using System.Security.Cryptography;

namespace BlockhostBroker.TestSupport.Network;

/// <summary>
/// Real networking for tests: uniquely named namespaces, veth pairs with IPv6 addresses, wireguard-go interfaces,
/// WireGuard keys and a private temp folder. Everything is removed on dispose, even when the test failed; labs
/// left by a killed test run (their creator process is gone) are removed when the next lab is created.
/// Names embed the creating process id: "bhb-&lt;pid&gt;-&lt;lab&gt;-&lt;role&gt;". Needs root, iproute2, wg and wireguard-go.
/// </summary>
public sealed class NetworkLab : IAsyncDisposable
{
    private const string NamespacePrefix = "bhb-";
    private const string TempPrefix = "bhb-lab-";
    private const int RandomHexLength = 6;
    private const int StopAttempts = 20;
    private static readonly TimeSpan StopPollInterval = TimeSpan.FromMilliseconds(100);
    private readonly List<NetworkNamespace> _namespaces = [];
    private readonly List<WireGuardGoDevice> _devices = [];

    private NetworkLab(string id, string tempDirectory)
    {
        Id = id;
        TempDirectory = tempDirectory;
    }

    /// <summary>This lab's random id, part of every name it creates.</summary>
    public string Id { get; }

    /// <summary>A folder (mode 0700) for key and config files, deleted on dispose.</summary>
    public string TempDirectory { get; }

    /// <summary>Creates a lab after removing labs whose creating process has died.</summary>
    public static async Task<NetworkLab> CreateAsync()
    {
        await RemoveStaleLabsAsync();
        var id = RandomHex();
        // On Unix the temp subdirectory is created with mode 0700.
        var temp = Directory.CreateTempSubdirectory($"{TempPrefix}{Environment.ProcessId}-{id}-").FullName;
        return new NetworkLab(id, temp);
    }

    /// <summary>A new interface name, unique on the machine and at most 15 characters: the prefix (≤ 9) and 6 random hex digits.</summary>
    public static string NewInterfaceName(string prefix = "wg")
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefix.Length, 15 - RandomHexLength);
        return prefix + RandomHex();
    }

    /// <summary>Creates a namespace with its loopback up; role is a short word for people reading `ip netns`.</summary>
    public async Task<NetworkNamespace> AddNamespaceAsync(string role)
    {
        var ns = new NetworkNamespace($"{NamespacePrefix}{Environment.ProcessId}-{Id}-{role}");
        await RunIpAsync("netns", "add", ns.Name);
        _namespaces.Add(ns);
        await RunIpAsync("-n", ns.Name, "link", "set", "lo", "up");
        return ns;
    }

    /// <summary>Joins two namespaces with a veth pair; addresses are "address/length" and are usable at once (nodad).</summary>
    public async Task<VethLink> ConnectAsync(NetworkNamespace a, string addressA, NetworkNamespace b, string addressB)
    {
        var suffix = RandomHex();
        string nameA = $"va{suffix}", nameB = $"vb{suffix}";
        await RunIpAsync("link", "add", nameA, "netns", a.Name, "type", "veth", "peer", "name", nameB, "netns", b.Name);
        foreach (var (ns, name, address) in new[] { (a, nameA, addressA), (b, nameB, addressB) })
        {
            await RunIpAsync("-n", ns.Name, "-6", "address", "add", address, "dev", name, "nodad");
            await RunIpAsync("-n", ns.Name, "link", "set", name, "up");
        }
        return new VethLink(a, nameA, addressA, b, nameB, addressB);
    }

    /// <summary>Starts wireguard-go for a new (or given) interface name in a namespace; stopped on dispose.</summary>
    public async Task<WireGuardGoDevice> StartWireGuardGoAsync(NetworkNamespace ns, string? name = null)
    {
        var device = await WireGuardGoDevice.StartAsync(ns, name ?? NewInterfaceName());
        _devices.Add(device);
        return device;
    }

    /// <summary>Generates a key pair with `wg genkey`/`wg pubkey` and writes the private key to a 0600 file in the lab's folder.</summary>
    public async Task<WireGuardKeyPair> GenerateKeyPairAsync()
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("network labs need Linux");
        var privateKey = (await ProcessRunner.RunAsync("wg", ["genkey"])).EnsureSuccess("wg genkey").StdOut.Trim();
        var publicKey = (await ProcessRunner.RunAsync("wg", ["pubkey"], stdin: privateKey + "\n")).EnsureSuccess("wg pubkey").StdOut.Trim();
        var file = Path.Combine(TempDirectory, $"key-{RandomHex()}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        await using (var stream = new FileStream(file, options))
        await using (var writer = new StreamWriter(stream))
            await writer.WriteLineAsync(privateKey);
        return new WireGuardKeyPair(privateKey, publicKey, file);
    }

    /// <summary>Stops every wireguard-go, kills what else runs in the lab's namespaces, deletes them and the temp folder.</summary>
    public async ValueTask DisposeAsync()
    {
        // Every step runs even when an earlier one failed, so one stuck process does not leak the rest.
        var failures = new List<Exception>();
        foreach (var device in _devices)
            await Attempt(failures, () => device.DisposeAsync().AsTask());
        foreach (var ns in _namespaces)
            await Attempt(failures, () => RemoveNamespaceAsync(ns.Name));
        await Attempt(failures, () => Task.Run(() => Directory.Delete(TempDirectory, recursive: true)));
        if (failures.Count > 0)
            throw new AggregateException("network lab cleanup failed", failures);
    }

    private static async Task Attempt(List<Exception> failures, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or UnauthorizedAccessException)
        {
            failures.Add(e);
        }
    }

    private static async Task RemoveStaleLabsAsync()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), TempPrefix + "*"))
        {
            if (CreatorIsGone(Path.GetFileName(dir)[TempPrefix.Length..]))
                Directory.Delete(dir, recursive: true);
        }
        var list = await ProcessRunner.RunAsync("ip", ["netns", "list"]);
        foreach (var line in list.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(' ')[0];
            if (name.StartsWith(NamespacePrefix, StringComparison.Ordinal) && CreatorIsGone(name[NamespacePrefix.Length..]))
                await RemoveNamespaceAsync(name);
        }
    }

    // The name after its prefix starts with "<pid>-".
    private static bool CreatorIsGone(string nameAfterPrefix) =>
        int.TryParse(nameAfterPrefix.Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
        && !Directory.Exists($"/proc/{pid}");

    // Deleting the links first makes wireguard-go exit cleanly (it removes its socket). Processes still inside
    // hold the namespace alive after `ip netns del`, so they are stopped next; they run in a namespace only this
    // lab uses, so they are the lab's own. Sockets of killed wireguard-go processes are removed last.
    private static async Task RemoveNamespaceAsync(string name)
    {
        var links = await LinkNamesAsync(name);
        foreach (var link in links)
            await ProcessRunner.RunAsync("ip", ["-n", name, "link", "del", "dev", link]);
        await StopProcessesAsync(name);
        await ProcessRunner.RunAsync("ip", ["netns", "del", name]);
        foreach (var link in links)
            File.Delete(Path.Combine(WireGuardGoDevice.SocketDirectory, link + ".sock"));
    }

    private static async Task<List<string>> LinkNamesAsync(string ns)
    {
        // "3: wg1a2b3c: <POINTOPOINT,…" or "4: va1a2b3c@if5: <…"
        var output = await ProcessRunner.RunAsync("ip", ["-n", ns, "-o", "link", "show"]);
        return [.. output.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 3))
            .Where(parts => parts.Length == 3)
            .Select(parts => parts[1].Trim().Split('@')[0])
            .Where(link => link != "lo")];
    }

    private static async Task StopProcessesAsync(string ns)
    {
        foreach (var signal in (string[])["-TERM", "-KILL"])
        {
            for (var attempt = 0; attempt < StopAttempts; attempt++)
            {
                var pids = (await ProcessRunner.RunAsync("ip", ["netns", "pids", ns])).StdOut
                    .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (pids.Length == 0)
                    return;
                if (attempt == 0)
                    await ProcessRunner.RunAsync("kill", [signal, .. pids]);
                await Task.Delay(StopPollInterval);
            }
        }
    }

    private static async Task RunIpAsync(params string[] args) =>
        (await ProcessRunner.RunAsync("ip", args)).EnsureSuccess("ip " + string.Join(' ', args));

    private static string RandomHex() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RandomHexLength / 2));
}
