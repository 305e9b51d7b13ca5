using System.Text.Json;
using BlockhostBroker.Protocol.Addressing;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.TestSupport;
using BlockhostBroker.TestSupport.Broker;
using BlockhostBroker.TestSupport.Chain;
using BlockhostBroker.TestSupport.Network;

namespace BlockhostBroker.EndToEnd.Tests.Tunnels;

/// <summary>
/// The whole system once: anvil with 1 s blocks and forge-deployed contracts, the real blockhost-broker daemon
/// (its wireguard-go interface in the broker's namespace, registered in the BrokerRegistry), and
/// <see cref="ClientCount"/> Blockhost servers, each in its own namespace with its own wallet and NFT contract,
/// that all run `broker-client request --configure-wg` at the same time; one more server asks for an NFT contract
/// its wallet does not own. The runs' outcomes are kept for the tests to judge.
/// </summary>
public sealed class TunnelNetwork : IAsyncLifetime
{
    /// <summary>How many servers ask at once.</summary>
    public const int ClientCount = 5;

    /// <summary>The broker's upstream: a /112 holds 255 allocatable /120s.</summary>
    public static readonly Ipv6Prefix Upstream = Ipv6Prefix.Parse("2001:db8:e2e::/112");

    /// <summary>The broker's WireGuard port in its namespace.</summary>
    public const int ListenPort = 51820;

    private const string AnswerTimeoutSeconds = "150";
    private readonly TempDirectory _dir = new("bhb-e2e-tunnels-");
    private NetworkLab? _lab;
    private BrokerDaemon? _daemon;
    private RpcBridge? _bridge;

    /// <summary>The chain.</summary>
    public BrokerChain Chain { get; } = new OneSecondBlockChain();

    /// <summary>The daemon.</summary>
    public BrokerDaemon Daemon => _daemon ?? throw new InvalidOperationException("not started");

    /// <summary>The broker's namespace (its WireGuard interface and the veth ends).</summary>
    public NetworkNamespace BrokerNamespace { get; private set; } = null!;

    /// <summary>The broker's WireGuard interface.</summary>
    public string BrokerInterface { get; } = NetworkLab.NewInterfaceName("wgb");

    /// <summary>The broker's address on client 1's veth: the public endpoint every response names.</summary>
    public string BrokerAddress { get; } = "fd00:e2e:1::1";

    /// <summary>The endpoint responses must carry.</summary>
    public string PublicEndpoint => $"[{BrokerAddress}]:{ListenPort}";

    /// <summary>The broker's gateway address inside the upstream.</summary>
    public string Gateway => new AllocationPlan(Upstream, AllocationPlan.DefaultAllocationLength).Gateway.ToString();

    /// <summary>The broker's id in the registry.</summary>
    public long BrokerId { get; private set; }

    /// <summary>The servers that ask for a prefix, each with its NFT contract.</summary>
    public IReadOnlyList<(ClientSite Site, string Nft)> Clients { get; private set; } = [];

    /// <summary>What each server's `request --configure-wg` ended with, in <see cref="Clients"/> order.</summary>
    public IReadOnlyList<ClientRun> Requests { get; private set; } = [];

    /// <summary>The server whose wallet does not own the NFT contract it names.</summary>
    public ClientSite Outsider { get; private set; } = null!;

    /// <summary>The NFT contract the outsider names (another wallet owns it).</summary>
    public string OutsiderNft { get; private set; } = "";

    /// <summary>The outsider's run.</summary>
    public ClientRun OutsiderRun { get; private set; } = null!;

    /// <summary>The outsider wallet's nonce and balance before its run.</summary>
    public (long Nonce, System.Numerics.BigInteger Balance) OutsiderBefore { get; private set; }

    /// <summary>The outsider wallet's nonce and balance after its run.</summary>
    public (long Nonce, System.Numerics.BigInteger Balance) OutsiderAfter { get; private set; }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync(); // a fixture that failed to start is not disposed by the runner
            throw;
        }
    }

    private async Task StartAsync()
    {
        await Chain.InitializeAsync();
        _lab = await NetworkLab.CreateAsync();
        BrokerNamespace = await _lab.AddNamespaceAsync("broker");
        var sites = new List<ClientSite>();
        for (var i = 0; i <= ClientCount; i++)
            sites.Add(await ClientSite.CreateAsync(_lab, BrokerNamespace, i + 1, BrokerAddress, Chain.Accounts[i + 2], Path.Combine(_dir.Path, $"client{i + 1}")));
        await StartBrokerAsync();
        _bridge = await RpcBridge.StartAsync(Chain.RpcUrl, BrokerNamespace, _dir.Path);

        // The outsider names an NFT contract that belongs to a wallet no site uses.
        var nfts = await Task.WhenAll(sites.Select((site, i) =>
            Chain.DeployTestNftAsync(i < ClientCount ? site.Wallet.Address : Chain.Accounts[ClientCount + 3].Address)));
        Clients = [.. sites.Take(ClientCount).Zip(nfts)];
        Outsider = sites[ClientCount];
        OutsiderNft = nfts[ClientCount];
        OutsiderBefore = await WalletAsync(Outsider.Wallet);
        var runs = await Task.WhenAll(sites.Select((site, i) => RequestAsync(site, nfts[i])));
        OutsiderAfter = await WalletAsync(Outsider.Wallet);
        Requests = runs[..ClientCount];
        OutsiderRun = runs[ClientCount];
    }

    /// <summary>The allocation a client's run saved.</summary>
    public static JsonElement AllocationOf(ClientRun run) => run.Body.GetProperty("allocation");

    /// <summary>The RPC URL the clients use: the bridge in the broker's namespace, reached over the veth.</summary>
    public string ClientRpcUrl => RpcBridge.UrlAt(BrokerAddress);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_daemon is not null)
            await _daemon.DisposeAsync();
        if (_bridge is not null)
            await _bridge.DisposeAsync();
        if (_lab is not null)
            await _lab.DisposeAsync();
        await Chain.DisposeAsync();
        _dir.Dispose();
    }

    private async Task StartBrokerAsync()
    {
        _daemon = new BrokerDaemon(
            new BrokerDaemonConfig
            {
                Directory = Path.Combine(_dir.Path, "broker"),
                Chain = Chain,
                UpstreamPrefix = Upstream.ToString(),
                Interface = BrokerInterface,
                Namespace = BrokerNamespace.Name,
                PublicEndpoint = PublicEndpoint,
                ListenPort = ListenPort,
            },
            Secp256k1KeyPair.Generate());
        await _daemon.StartAsync();
        // The operator's admin command, as an operator registers a new broker.
        var register = await ProcessRunner.RunAsync("dotnet",
            [BrokerDaemon.ProgramDll, "-c", _daemon.Config.ConfigPath, "register", "--region", "e2e", "--capacity", "0", "--json"],
            timeout: TimeSpan.FromSeconds(120));
        register.EnsureSuccess("blockhost-broker register");
        using var report = JsonDocument.Parse(register.StdOut);
        BrokerId = report.RootElement.GetProperty("registry").GetProperty("brokerId").GetInt64();
    }

    private Task<ClientRun> RequestAsync(ClientSite site, string nft) => site.RunAsync(
        "request", "--nft-contract", nft, "--wallet-key", site.WalletKeyFile,
        "--rpc-url", ClientRpcUrl, "--chain-id", Chain.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--registry-contract", Chain.Contracts.BrokerRegistry, "--broker-id", BrokerId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--configure-wg", "--wg-interface", site.Interface, "--timeout", AnswerTimeoutSeconds, "--poll-interval", "250");

    private async Task<(long, System.Numerics.BigInteger)> WalletAsync(DevAccount account) => (
        await Chain.Rpc.GetTransactionCountAsync(account.Address, Protocol.Rpc.BlockTag.Latest),
        await Chain.Rpc.GetBalanceAsync(account.Address, Protocol.Rpc.BlockTag.Latest));
}
