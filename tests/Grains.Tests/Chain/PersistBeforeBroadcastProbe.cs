using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Protocol.Rpc;
using Orleans.Storage;

namespace BlockhostBroker.Grains.Tests.Chain;

/// <summary>
/// Grain storage in front of the real (memory) storage that, whenever a wallet state is written, asks the node about
/// every transaction hash the state holds for the first time: the node must not know it yet, because the wallet
/// stores a signed transaction before it broadcasts it.
/// </summary>
internal sealed class PersistBeforeBroadcastProbe(IGrainStorage inner, IEthereumRpc rpc) : IGrainStorage
{
    private readonly HashSet<string> seen = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> violations = [];
    private readonly Lock gate = new();

    /// <summary>Hashes that were checked on their first write.</summary>
    public int Checked { get { lock (gate) return seen.Count; } }

    /// <summary>Hashes the node already knew when the wallet first stored them.</summary>
    public IReadOnlyList<string> Violations { get { lock (gate) return [.. violations]; } }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.State is WalletState wallet)
        {
            foreach (var hash in NewHashes(wallet))
            {
                if (await rpc.GetTransactionAsync(hash) is not null)
                    lock (gate) violations.Add(hash);
            }
        }
        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    private List<string> NewHashes(WalletState wallet)
    {
        var hashes = wallet.Transactions.Values.SelectMany(t => t.Attempts).Select(a => a.Hash);
        lock (gate) return [.. hashes.Where(seen.Add)];
    }
}
