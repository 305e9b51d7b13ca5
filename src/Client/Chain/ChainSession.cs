using BlockhostBroker.Client.Cli;
using BlockhostBroker.Protocol.Rpc;

namespace BlockhostBroker.Client.Chain;

/// <summary>A connection to the chain named by --rpc-url whose chain id has been checked against --chain-id.</summary>
public sealed class ChainSession : IDisposable
{
    /// <summary>How long one RPC call may take.</summary>
    public static readonly TimeSpan RpcTimeout = TimeSpan.FromSeconds(30);

    private readonly EthereumRpc _rpc;

    private ChainSession(EthereumRpc rpc, long chainId)
    {
        _rpc = rpc;
        ChainId = chainId;
    }

    /// <summary>The node.</summary>
    public IEthereumRpc Rpc => _rpc;

    /// <summary>The chain id the node serves.</summary>
    public long ChainId { get; }

    /// <summary>Connects and reads the chain id; throws <see cref="ChainUnavailableException"/> when unreachable or on another chain.</summary>
    public static async Task<ChainSession> OpenAsync(Uri rpcUrl, long? expectedChainId, CancellationToken cancellationToken)
    {
        var rpc = new EthereumRpc(rpcUrl, RpcTimeout);
        try
        {
            var chainId = await rpc.GetChainIdAsync(cancellationToken);
            if (expectedChainId is { } expected && expected != chainId)
                throw new ChainUnavailableException($"the node at {rpcUrl} serves chain {chainId}, not --chain-id {expected}");
            return new ChainSession(rpc, chainId);
        }
        catch (Exception e) when (e is ChainUnavailableException or EthereumRpcException)
        {
            rpc.Dispose();
            throw e as ChainUnavailableException ?? new ChainUnavailableException($"cannot reach the chain at {rpcUrl}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _rpc.Dispose();
}
