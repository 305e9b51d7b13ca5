namespace BlockhostBroker.Grains.WireGuard;

/// <summary>
/// Peer changes collected while an earlier `wg` call runs, applied together in one call. The last change for a
/// key wins; every caller that contributed awaits the same outcome.
/// </summary>
internal sealed class PeerChangeBatch
{
    private readonly Dictionary<string, string?> _changes = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the batch has been applied, or faults with the error that stopped it.</summary>
    public Task Outcome => _outcome.Task;

    /// <summary>Public key → normalized prefix to assign, or null to remove the peer.</summary>
    public IReadOnlyDictionary<string, string?> Changes => _changes;

    /// <summary>Records that the peer should hold exactly this prefix.</summary>
    public void Assign(string publicKey, string normalizedPrefix) => _changes[publicKey] = normalizedPrefix;

    /// <summary>Records that the peer should be removed.</summary>
    public void Remove(string publicKey) => _changes[publicKey] = null;

    /// <summary>The one device change that applies the whole batch.</summary>
    public DeviceConfig ToDeviceConfig() => new()
    {
        Peers = [.. _changes.Select(c => c.Value is null
            ? new PeerConfig(c.Key) { Remove = true }
            : PeerReconciler.Assign(c.Key, c.Value))],
    };

    /// <summary>Releases every waiting caller with the outcome.</summary>
    public void Complete(Exception? error)
    {
        if (error is null)
            _outcome.SetResult();
        else
            _outcome.SetException(error);
    }
}
