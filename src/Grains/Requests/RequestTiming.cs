namespace BlockhostBroker.Grains.Requests;

/// <summary>Retry and expiry arithmetic of the request workflow, kept pure so it is tested without a cluster.</summary>
public static class RequestTiming
{
    /// <summary>The first retry's delay.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between fast retries; the 1-minute reminder backs them up.</summary>
    public static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    /// <summary>How often the reminder retries an unfinished request.</summary>
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    /// <summary>The delay before retry number <paramref name="failures"/> (1 = after the first failure): 1 s, 2 s, 4 s … capped at 30 s.</summary>
    public static TimeSpan Backoff(int failures)
    {
        if (failures <= 1) return FirstRetry;
        // 2^5 s already exceeds the cap; clamping the exponent keeps the shift from overflowing.
        var exponent = Math.Min(failures - 1, 5);
        var delay = FirstRetry * (1L << exponent);
        return delay < MaxRetry ? delay : MaxRetry;
    }

    /// <summary>The chain time (seconds) after which the contract refuses a response: submittedAt + requestExpirationTime.</summary>
    public static long ExpiresAt(long submittedAt, long expirationSeconds) => checked(submittedAt + expirationSeconds);

    /// <summary>
    /// True when a response mined now would revert with "Request expired": the contract refuses when
    /// block.timestamp > submittedAt + requestExpirationTime, and the next block's timestamp is at least the latest one's.
    /// </summary>
    public static bool IsExpired(long submittedAt, long expirationSeconds, long latestBlockTimestamp) =>
        latestBlockTimestamp > ExpiresAt(submittedAt, expirationSeconds);
}
