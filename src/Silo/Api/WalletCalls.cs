using BlockhostBroker.Grains.Chain;

namespace BlockhostBroker.Silo.Api;

/// <summary>Sends operator transactions through the wallet grain (the only nonce assigner) and waits for their outcome.</summary>
public sealed class WalletCalls(BrokerTargets targets, TimeProvider clock)
{
    /// <summary>How long an admin call waits for its transaction to be mined.</summary>
    public static readonly TimeSpan MinedTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan StatusPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Submits an admin transaction under a fresh intent key (each admin action is a new intent; a retried one would
    /// otherwise be answered with an old, already-mined transaction) and waits until it is mined or refused.
    /// </summary>
    public async Task<TxOutcome> SendAsync(string action, string to, byte[] calldata, CancellationToken cancellationToken)
    {
        var key = $"admin:{action}:{Guid.NewGuid():N}";
        var status = await targets.Wallet.Submit(new TxIntent(key, to, calldata, TxPurpose.Admin, null));
        var deadline = clock.GetUtcNow() + MinedTimeout;
        while (status is TxStatus.Pending && clock.GetUtcNow() < deadline)
        {
            await Task.Delay(StatusPollInterval, clock, cancellationToken);
            status = await targets.Wallet.GetStatus(key);
        }
        return ToOutcome(action, status);
    }

    /// <summary>The API's view of a wallet status.</summary>
    public static TxOutcome ToOutcome(string action, TxStatus status) => status switch
    {
        TxStatus.Mined m => new TxOutcome(action, m.Succeeded ? TxOutcomeStatus.Mined : TxOutcomeStatus.Failed, m.Hash, m.BlockNumber,
            m.Succeeded ? null : "the transaction was mined but reverted"),
        TxStatus.Pending p => new TxOutcome(action, TxOutcomeStatus.Pending, p.Hash, null, $"not mined within {MinedTimeout.TotalSeconds} s; the wallet keeps it going"),
        TxStatus.Reverted r => new TxOutcome(action, TxOutcomeStatus.Reverted, null, null, r.Reason),
        TxStatus.Deferred d => new TxOutcome(action, TxOutcomeStatus.Deferred, null, null, $"{d.Reason} (retry after {d.RetryAfter:u})"),
        _ => new TxOutcome(action, TxOutcomeStatus.Reverted, null, null, "the wallet does not know the transaction"),
    };
}
