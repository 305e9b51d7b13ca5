using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.TestSupport;
using BlockhostBroker.TestSupport.Broker;
using BlockhostBroker.TestSupport.Chain;
using BlockhostBroker.TestSupport.Network;

namespace BlockhostBroker.EndToEnd.Tests.Faults;

/// <summary>
/// A chain with 1 s blocks whose node can be stopped and started on the same state, and the real daemon as a
/// process on a SQLite file with its WireGuard interface (wireguard-go) in a namespace of a network lab. Keeps every
/// request it submitted, so each check covers all the requests the broker has ever been given.
/// </summary>
public class FaultBroker : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("bhb-faults-");
    private readonly List<SubmittedRequest> _requests = [];
    private NetworkLab? _lab;
    private BrokerDaemon? _daemon;

    /// <summary>The chain: BrokerRegistry and BrokerRequests, 1 s blocks, a state file for restarts.</summary>
    public RestartableChain Chain { get; } = new();

    /// <summary>The running (or killed) daemon.</summary>
    public BrokerDaemon Daemon => _daemon ?? throw new InvalidOperationException("the daemon is not started");

    /// <summary>The namespace holding the broker's interface.</summary>
    public NetworkNamespace Namespace { get; private set; } = null!;

    /// <summary>Plays the Blockhost servers.</summary>
    public RequestSubmitter Submitter { get; private set; } = null!;

    /// <summary>The head when the daemon first started: every operator transaction comes after it.</summary>
    public long FirstBlock { get; private set; }

    /// <summary>Every request submitted through <see cref="SubmitAsync"/> that still exists on-chain.</summary>
    public IReadOnlyList<SubmittedRequest> Requests => _requests;

    /// <summary>Blocks a request log must be buried under before the broker reads it.</summary>
    protected virtual int Confirmations => 1;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        await Chain.InitializeAsync();
        _lab = await NetworkLab.CreateAsync();
        Namespace = await _lab.AddNamespaceAsync("faults");
        var eciesKey = Secp256k1KeyPair.Generate();
        Submitter = new RequestSubmitter(Chain, eciesKey.PublicKey);
        _daemon = new BrokerDaemon(
            new BrokerDaemonConfig
            {
                Directory = _dir.Path,
                Chain = Chain,
                Interface = NetworkLab.NewInterfaceName("wgf"),
                Namespace = Namespace.Name,
                Confirmations = Confirmations,
            },
            eciesKey);
        FirstBlock = await Chain.Rpc.GetBlockNumberAsync();
        await _daemon.StartAsync();
    }

    /// <summary>Submits <paramref name="count"/> valid requests at once (each for a new NFT contract) and waits until all are mined.</summary>
    public async Task<IReadOnlyList<SubmittedRequest>> SubmitAsync(int count)
    {
        var submitted = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Submitter.SubmitValidAsync()));
        _requests.AddRange(submitted);
        return submitted;
    }

    /// <summary>Forgets a request the chain no longer holds (a reorg removed it).</summary>
    public void Forget(SubmittedRequest request) => _requests.Remove(request);

    /// <summary>Records a request submitted by other means.</summary>
    public void Remember(SubmittedRequest request) => _requests.Add(request);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_daemon is not null)
            await _daemon.DisposeAsync();
        if (_lab is not null)
            await _lab.DisposeAsync();
        await Chain.DisposeAsync();
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>1 s blocks and a state file, so the node can be stopped and restarted on the same chain.</summary>
public sealed class RestartableChain() : BrokerChain(new AnvilOptions { BlockTimeSeconds = 1, PersistState = true });
