namespace BlockhostBroker.Grains.Chain;

/// <summary>
/// The bound on finished entries: a mined or reverted intent stays answerable by GetStatus for
/// <see cref="WalletOptions.HistoryRetention"/> (24 h by default) and among the newest
/// <see cref="WalletOptions.HistoryMaxEntries"/> (10,000) finished ones; in-flight entries are never forgotten.
/// A forgotten key reads as Unknown, and submitting it again would send a new transaction.
/// </summary>
public static class WalletHistory
{
    /// <summary>The finished keys to forget at <paramref name="now"/>: all older than the retention, then the oldest beyond the count.</summary>
    public static List<string> KeysToForget(
        IEnumerable<KeyValuePair<string, DateTimeOffset>> finishedAt, DateTimeOffset now, TimeSpan retention, int maxEntries)
    {
        ArgumentNullException.ThrowIfNull(finishedAt);
        ArgumentOutOfRangeException.ThrowIfNegative(maxEntries);
        var oldestFirst = finishedAt.OrderBy(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).ToList();
        var expired = oldestFirst.Count(e => e.Value < now - retention);
        var overCount = Math.Max(0, oldestFirst.Count - maxEntries);
        return [.. oldestFirst.Take(Math.Max(expired, overCount)).Select(e => e.Key)];
    }

    /// <summary>Removes the finished entries <see cref="KeysToForget"/> names from <paramref name="state"/>; returns how many.</summary>
    public static int Prune(WalletState state, DateTimeOffset now, TimeSpan retention, int maxEntries)
    {
        ArgumentNullException.ThrowIfNull(state);
        var finished = state.Transactions
            .Where(t => t.Value.FinishedAt is not null)
            .Select(t => KeyValuePair.Create(t.Key, t.Value.FinishedAt!.Value));
        var forget = KeysToForget(finished, now, retention, maxEntries);
        foreach (var key in forget) state.Transactions.Remove(key);
        return forget.Count;
    }
}
