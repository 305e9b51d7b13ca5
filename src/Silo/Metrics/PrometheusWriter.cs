using System.Globalization;
using System.Text;

namespace BlockhostBroker.Silo.Metrics;

/// <summary>Writes the Prometheus text exposition format (version 0.0.4): HELP and TYPE lines, then samples.</summary>
public sealed class PrometheusWriter
{
    /// <summary>The Content-Type of the format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    /// <summary>The text written so far.</summary>
    public override string ToString() => _text.ToString();

    /// <summary>A gauge with one sample per label set (labels already rendered by <see cref="Labels"/>).</summary>
    public void Gauge(string name, string? help, IEnumerable<(string Labels, double Value)> samples)
    {
        Header(name, help, "gauge");
        foreach (var (labels, value) in samples)
            Sample(name, labels, value);
    }

    /// <summary>A gauge with a single unlabelled sample.</summary>
    public void Gauge(string name, string help, double value) => Gauge(name, help, [("", value)]);

    /// <summary>A counter; "_total" is appended to the name.</summary>
    public void Counter(string name, string? help, IEnumerable<(string Labels, double Value)> samples)
    {
        var total = name.EndsWith("_total", StringComparison.Ordinal) ? name : name + "_total";
        Header(total, help, "counter");
        foreach (var (labels, value) in samples)
            Sample(total, labels, value);
    }

    /// <summary>A histogram: cumulative buckets per upper bound, +Inf, _sum and _count.</summary>
    public void Histogram(string name, string? help, IEnumerable<(string Labels, double[] Bounds, long[] Cumulative, double Sum, long Count)> series)
    {
        Header(name, help, "histogram");
        foreach (var (labels, bounds, cumulative, sum, count) in series)
        {
            for (var i = 0; i < bounds.Length; i++)
                Sample(name + "_bucket", Join(labels, $"le=\"{Number(bounds[i])}\""), cumulative[i]);
            Sample(name + "_bucket", Join(labels, "le=\"+Inf\""), count);
            Sample(name + "_sum", labels, sum);
            Sample(name + "_count", labels, count);
        }
    }

    /// <summary>Renders a label set as "{a=\"x\",b=\"y\"}" with escaping, or "" when empty.</summary>
    public static string Labels(IEnumerable<(string Name, string Value)> labels)
    {
        var parts = labels.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => $"{Sanitize(l.Name)}=\"{Escape(l.Value)}\"").ToList();
        return parts.Count == 0 ? "" : "{" + string.Join(',', parts) + "}";
    }

    /// <summary>A metric or label name with every character outside [a-zA-Z0-9_:] turned into '_'.</summary>
    public static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_').ToArray();
        if (chars.Length > 0 && char.IsAsciiDigit(chars[0]))
            return "_" + new string(chars);
        return new string(chars);
    }

    private void Header(string name, string? help, string type)
    {
        if (!string.IsNullOrEmpty(help))
            _text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\").Replace("\n", "\\n")).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    private void Sample(string name, string labels, double value) =>
        _text.Append(name).Append(labels).Append(' ').Append(Number(value)).Append('\n');

    private static string Join(string labels, string extra) => labels.Length == 0 ? "{" + extra + "}" : labels[..^1] + "," + extra + "}";

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    private static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", CultureInfo.InvariantCulture);
}
