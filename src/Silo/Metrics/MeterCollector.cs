using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace BlockhostBroker.Silo.Metrics;

/// <summary>
/// Aggregates the measurements of every meter named "BlockhostBroker…" in memory (counter sums, histogram
/// buckets) so /metrics can print them; a small stand-in for an OpenTelemetry Prometheus exporter.
/// </summary>
public sealed class MeterCollector : IDisposable
{
    private static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(Instrument Instrument, string Labels), Series> _series = new();

    /// <summary>Starts listening.</summary>
    public MeterCollector()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith(RequestOutcomes.MeterName, StringComparison.Ordinal))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        _listener.Start();
    }

    /// <summary>Writes every series in the Prometheus text format.</summary>
    public void WriteTo(PrometheusWriter writer)
    {
        _listener.RecordObservableInstruments();
        foreach (var group in _series.GroupBy(s => s.Key.Instrument).OrderBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            var instrument = group.Key;
            var name = PrometheusWriter.Sanitize(instrument.Name);
            var series = group.Select(g => (Labels: g.Key.Labels, Series: g.Value)).ToList();
            if (IsHistogram(instrument))
                writer.Histogram(name, instrument.Description, series.Select(s => (s.Labels, s.Series.Buckets!, s.Series.BucketCounts(), s.Series.Sum, s.Series.Count)));
            else if (instrument is Counter<long> or Counter<double> or Counter<int> or ObservableCounter<long> or ObservableCounter<double>)
                writer.Counter(name, instrument.Description, series.Select(s => (s.Labels, s.Series.Sum)));
            else
                writer.Gauge(name, instrument.Description, series.Select(s => (s.Labels, s.Series.Last)));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = PrometheusWriter.Labels(tags.ToArray().Select(t => (t.Key, Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? "")));
        var series = _series.GetOrAdd((instrument, labels), key => new Series(IsHistogram(key.Instrument) ? BucketsOf(key.Instrument) : null));
        series.Add(value);
    }

    private static bool IsHistogram(Instrument instrument) => instrument is Histogram<long> or Histogram<double> or Histogram<int>;

    private static double[] BucketsOf(Instrument instrument) => instrument switch
    {
        Histogram<long> h when h.Advice?.HistogramBucketBoundaries is { } b => b.Select(x => (double)x).ToArray(),
        Histogram<double> h when h.Advice?.HistogramBucketBoundaries is { } b => b.ToArray(),
        _ => DefaultBuckets,
    };

    private sealed class Series(double[]? buckets)
    {
        private readonly Lock _gate = new();
        private readonly long[] _counts = new long[(buckets?.Length ?? 0) + 1];

        public double[]? Buckets => buckets;
        public double Sum { get; private set; }
        public long Count { get; private set; }
        public double Last { get; private set; }

        public void Add(double value)
        {
            lock (_gate)
            {
                Sum += value;
                Count++;
                Last = value;
                if (buckets is not null)
                {
                    var index = Array.FindIndex(buckets, bound => value <= bound);
                    _counts[index < 0 ? buckets.Length : index]++;
                }
            }
        }

        // Cumulative counts per upper bound, as Prometheus wants them (the +Inf bucket is Count).
        public long[] BucketCounts()
        {
            lock (_gate)
            {
                var cumulative = new long[_counts.Length - 1];
                long running = 0;
                for (var i = 0; i < cumulative.Length; i++)
                    cumulative[i] = running += _counts[i];
                return cumulative;
            }
        }
    }
}
