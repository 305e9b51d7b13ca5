using System.Diagnostics.Metrics;

namespace BlockhostBroker.Silo.Metrics;

/// <summary>How a request ended on-chain.</summary>
public enum RequestOutcome
{
    /// <summary>Answered with an allocation.</summary>
    Approved,
    /// <summary>Answered with a rejection.</summary>
    Rejected,
    /// <summary>Expired without an answer.</summary>
    Expired,
}

/// <summary>Counts of outcomes since the silo started.</summary>
public sealed record OutcomeCounts(long Approved, long Rejected, long Expired);

/// <summary>
/// The broker's own instruments (System.Diagnostics.Metrics, meter "BlockhostBroker"): requests by outcome and how
/// long answers took, in blocks and in seconds. /metrics exposes them; any OpenTelemetry exporter can too.
/// </summary>
public sealed class RequestOutcomes : IDisposable
{
    /// <summary>The meter's name; every meter whose name starts with it is exposed on /metrics.</summary>
    public const string MeterName = "BlockhostBroker";

    private static readonly long[] BlockBuckets = [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000];
    private static readonly double[] SecondBuckets = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600];
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _answered;
    private readonly Histogram<long> _latencyBlocks;
    private readonly Histogram<double> _latencySeconds;
    private long _approved, _rejected, _expired;

    /// <summary>Creates the instruments.</summary>
    public RequestOutcomes()
    {
        _answered = _meter.CreateCounter<long>("blockhost_broker.requests", "{request}", "Requests by how they ended on-chain (approved, rejected, expired)");
        _latencyBlocks = _meter.CreateHistogram<long>("blockhost_broker.answer_latency_blocks", "{block}",
            "Blocks from a request's RequestSubmitted to its ResponseSubmitted", advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = BlockBuckets });
        _latencySeconds = _meter.CreateHistogram<double>("blockhost_broker.answer_latency_seconds", "s",
            "Seconds from a request's submittedAt to its respondedAt (block timestamps)", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondBuckets });
    }

    /// <summary>Outcomes counted since start.</summary>
    public OutcomeCounts Counts => new(Interlocked.Read(ref _approved), Interlocked.Read(ref _rejected), Interlocked.Read(ref _expired));

    /// <summary>Counts one outcome; latencies are recorded when known (never for an expiry).</summary>
    public void Record(RequestOutcome outcome, long? blocks, double? seconds)
    {
        switch (outcome)
        {
            case RequestOutcome.Approved: Interlocked.Increment(ref _approved); break;
            case RequestOutcome.Rejected: Interlocked.Increment(ref _rejected); break;
            default: Interlocked.Increment(ref _expired); break;
        }
        _answered.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant()));
        if (blocks is { } b && b >= 0)
            _latencyBlocks.Record(b);
        if (seconds is { } s && s >= 0)
            _latencySeconds.Record(s);
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
