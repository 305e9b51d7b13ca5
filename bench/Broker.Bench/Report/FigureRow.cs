using System.Globalization;
using System.Text;

namespace BlockhostBroker.Bench.Report;

/// <summary>One line of the table: what was measured on the broker, the baseline's figure, the goal and whether it was met.</summary>
public sealed record FigureRow(string Figure, string What, string Broker, string Baseline = "", string Ratio = "", string Goal = "", bool? Met = null)
{
    /// <summary>The 1-minute load average when the figure finished (other work on the machine shows here).</summary>
    public string Load { get; init; } = "";

    /// <summary>"yes"/"no", or "" for rows without a goal.</summary>
    public string MetText => Met switch { true => "yes", false => "NO", null => "" };
}

/// <summary>Formats figures with their units, invariant culture.</summary>
public static class Units
{
    /// <summary>"1.23 s".</summary>
    public static string Seconds(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.00} s");

    /// <summary>"12.3 ms".</summary>
    public static string Millis(double milliseconds) => string.Create(CultureInfo.InvariantCulture, $"{milliseconds:0.000} ms");

    /// <summary>"3 blocks".</summary>
    public static string Blocks(double blocks) => string.Create(CultureInfo.InvariantCulture, $"{blocks:0.#} block{(blocks == 1 ? "" : "s")}");

    /// <summary>"123.4 MB" (10^6 bytes).</summary>
    public static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} MB");

    /// <summary>"0.05×".</summary>
    public static string Ratio(double ratio) => string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}×");

    /// <summary>The p-th percentile (0–100) by the nearest-rank method.</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}

/// <summary>Renders rows as an aligned text table (for the terminal) or a Markdown table (for bench/README.md).</summary>
public static class FigureTable
{
    private static readonly string[] Headers = ["fig", "what", "broker", "baseline", "ratio", "goal", "met", "load"];

    /// <summary>Aligned plain text.</summary>
    public static string Text(IReadOnlyList<FigureRow> rows)
    {
        var cells = rows.Select(Cells).Prepend(Headers).ToList();
        var widths = Enumerable.Range(0, Headers.Length).Select(c => cells.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in cells)
            text.AppendLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        return text.ToString();
    }

    /// <summary>A Markdown table.</summary>
    public static string Markdown(IReadOnlyList<FigureRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", Headers) + " |");
        text.AppendLine("|" + string.Concat(Headers.Select(_ => " --- |")));
        foreach (var row in rows)
            text.AppendLine("| " + string.Join(" | ", Cells(row).Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        return text.ToString();
    }

    private static string[] Cells(FigureRow r) => [r.Figure, r.What, r.Broker, r.Baseline, r.Ratio, r.Goal, r.MetText, r.Load];
}
