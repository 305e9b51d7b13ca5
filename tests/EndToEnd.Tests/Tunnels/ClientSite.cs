using System.Globalization;
using System.Text.Json;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.TestSupport;
using BlockhostBroker.TestSupport.Chain;
using BlockhostBroker.TestSupport.Network;

namespace BlockhostBroker.EndToEnd.Tests.Tunnels;

/// <summary>How one broker-client run ended, with its --json document.</summary>
public sealed record ClientRun(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>The "result" (or "error") object of the run's one JSON document.</summary>
    public JsonElement Body
    {
        get
        {
            using var document = JsonDocument.Parse(StdOut);
            var root = document.RootElement;
            return (root.TryGetProperty("result", out var result) ? result : root.GetProperty("error")).Clone();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StdOut}\nstderr:\n{StdErr}";
}

/// <summary>
/// A simulated Blockhost server: its own namespace joined to the broker's by a veth pair, its own wallet (a dev
/// account, key in a 0600 file), its own state folder and tunnel interface name, and the real broker-client program
/// run inside the namespace with `ip netns exec … dotnet broker-client.dll`.
/// </summary>
public sealed class ClientSite
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(180);

    private ClientSite(NetworkNamespace ns, VethLink link, DevAccount wallet, string directory)
    {
        Namespace = ns;
        Link = link;
        Wallet = wallet;
        WalletKeyFile = Path.Combine(directory, "wallet.key");
        StateDirectory = Path.Combine(directory, "state");
        KeyFile.WriteEciesKey(WalletKeyFile, Secp256k1KeyPair.FromSecretHex(wallet.PrivateKeyHex));
    }

    /// <summary>The program run: broker-client.dll beside the test assembly (the project references src/Client).</summary>
    public static string ProgramDll => Path.Combine(AppContext.BaseDirectory, "broker-client.dll");

    /// <summary>The client's namespace.</summary>
    public NetworkNamespace Namespace { get; }

    /// <summary>The veth pair: A in the broker's namespace, B in this client's.</summary>
    public VethLink Link { get; }

    /// <summary>The wallet that submits requests.</summary>
    public DevAccount Wallet { get; }

    /// <summary>The wallet key file given with --wallet-key.</summary>
    public string WalletKeyFile { get; }

    /// <summary>The client's --state-dir.</summary>
    public string StateDirectory { get; }

    /// <summary>The tunnel interface the client brings up.</summary>
    public string Interface { get; } = NetworkLab.NewInterfaceName("wgc");

    /// <summary>
    /// Adds a namespace for client number <paramref name="number"/> (1 and up), links it to the broker's namespace on
    /// fd00:e2e:&lt;number&gt;::/64, and routes <paramref name="brokerAddress"/> (the broker's public endpoint, on
    /// client 1's link) through that link.
    /// </summary>
    public static async Task<ClientSite> CreateAsync(
        NetworkLab lab, NetworkNamespace broker, int number, string brokerAddress, DevAccount wallet, string directory)
    {
        var ns = await lab.AddNamespaceAsync($"c{number}");
        var net = $"fd00:e2e:{number.ToString("x", CultureInfo.InvariantCulture)}::";
        var link = await lab.ConnectAsync(broker, $"{net}1/64", ns, $"{net}2/64");
        if (link.HostA != brokerAddress)
            await ns.ExecAsync("ip", "-6", "route", "add", $"{brokerAddress}/128", "via", link.HostA);
        Directory.CreateDirectory(directory);
        return new ClientSite(ns, link, wallet, directory);
    }

    /// <summary>Runs broker-client with --json and --state-dir inside the namespace.</summary>
    public async Task<ClientRun> RunAsync(params string[] args)
    {
        var result = await ProcessRunner.RunAsync("ip",
            ["netns", "exec", Namespace.Name, "dotnet", ProgramDll, .. args, "--json", "--state-dir", StateDirectory], timeout: RunTimeout);
        return new ClientRun(result.ExitCode, result.StdOut, result.StdErr);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Namespace.Name} ({Wallet.Address})";
}
