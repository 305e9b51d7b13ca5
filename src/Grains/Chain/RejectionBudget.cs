namespace BlockhostBroker.Grains.Chain;

/// <summary>
/// The sliding one-hour limits on rejections: gas spent in the last hour and rejections per requester in the last
/// hour. Each check answers with the moment the limit would let the rejection through, or null when it does now.
/// </summary>
public static class RejectionBudget
{
    /// <summary>The length of the sliding window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>The spends still inside the window ending at <paramref name="now"/>, oldest first.</summary>
    public static List<RejectionSpend> InWindow(IEnumerable<RejectionSpend> spends, DateTimeOffset now) =>
        [.. spends.Where(s => s.SentAt > now - Window).OrderBy(s => s.SentAt)];

    /// <summary>
    /// When a rejection costing <paramref name="gas"/> fits the hourly <paramref name="budget"/> (0 = no limit); null
    /// if it fits now. With nothing spent in the window one rejection always fits, so a budget smaller than one
    /// rejection slows rejections to one an hour instead of stopping them.
    /// </summary>
    public static DateTimeOffset? GasRetryAfter(IEnumerable<RejectionSpend> spends, long gas, long budget, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gas);
        if (budget == 0) return null;
        var window = InWindow(spends, now);
        var spent = window.Sum(s => s.Gas);
        if (window.Count == 0 || spent + gas <= budget) return null;
        // Walk the window oldest first until enough gas has slid out; the last spend always frees the window.
        foreach (var spend in window)
        {
            spent -= spend.Gas;
            if (spent + gas <= budget || spent == 0) return spend.SentAt + Window;
        }
        return window[^1].SentAt + Window;
    }

    /// <summary>When <paramref name="requester"/> may have another rejection under the hourly <paramref name="limit"/> (0 = no limit); null if now.</summary>
    public static DateTimeOffset? RequesterRetryAfter(IEnumerable<RejectionSpend> spends, string? requester, int limit, DateTimeOffset now)
    {
        if (limit == 0 || requester is null) return null;
        var theirs = InWindow(spends, now)
            .Where(s => string.Equals(s.Requester, requester, StringComparison.OrdinalIgnoreCase))
            .ToList();
        // Once the oldest (count - limit + 1) of theirs slide out, they are under the limit again.
        return theirs.Count < limit ? null : theirs[theirs.Count - limit].SentAt + Window;
    }

    /// <summary>Replaces the reserved gas of the rejection <paramref name="key"/> with what it really used.</summary>
    public static List<RejectionSpend> Settle(IEnumerable<RejectionSpend> spends, string key, long gasUsed) =>
        [.. spends.Select(s => s.Key == key ? s with { Gas = gasUsed } : s)];
}
