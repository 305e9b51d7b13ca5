using System.Text;

namespace BlockhostBroker.TestSupport.Chain;

/// <summary>Runs Foundry's cast as an independent reference implementation (ABI encoding, chain calls).</summary>
public static class Cast
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan BatchTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs cast with the arguments and returns its trimmed stdout; throws when it fails.</summary>
    public static async Task<string> RunAsync(params string[] args) =>
        (await ProcessRunner.RunAsync(FoundryTools.Cast, args, timeout: CallTimeout)).EnsureSuccess("cast " + args[0]).StdOut.Trim();

    /// <summary><c>cast calldata SIG ARGS…</c>: the ABI-encoded call as lowercase 0x hex.</summary>
    public static Task<string> CalldataAsync(string signature, params string[] args) =>
        RunAsync(["calldata", signature, "--", .. args]);

    /// <summary><c>cast calldata</c> for many calls via <see cref="RunBatchAsync"/>; returns the calldata in input order.</summary>
    public static Task<IReadOnlyList<string>> CalldataBatchAsync(IReadOnlyList<(string Signature, IReadOnlyList<string> Args)> calls) =>
        RunBatchAsync(calls.Select(c => (IReadOnlyList<string>)["calldata", c.Signature, "--", .. c.Args]).ToList());

    /// <summary>
    /// Runs cast once per argument list, as a few bash loops in parallel (one per core) so the cost is cast's own
    /// start-up rather than a .NET process launch each; each run must print one line. Returns the lines in input order.
    /// Arguments must not contain NUL (argv cannot carry it).
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunBatchAsync(IReadOnlyList<IReadOnlyList<string>> runs)
    {
        var chunks = Math.Max(1, Math.Min(Environment.ProcessorCount, runs.Count));
        var size = (runs.Count + chunks - 1) / chunks;
        var tasks = Enumerable.Range(0, chunks)
            .Select(i => RunChunkAsync(runs.Skip(i * size).Take(size).ToList()))
            .ToList();
        var results = await Task.WhenAll(tasks);
        return results.SelectMany(r => r).ToList();
    }

    private static async Task<IReadOnlyList<string>> RunChunkAsync(IReadOnlyList<IReadOnlyList<string>> runs)
    {
        if (runs.Count == 0) return [];
        var script = new StringBuilder("set -e\n");
        foreach (var args in runs)
        {
            script.Append(Quote(FoundryTools.Cast));
            foreach (var a in args) script.Append(' ').Append(Quote(a));
            script.Append('\n');
        }
        // A UTF-8 file, not stdin: the arguments include arbitrary Unicode.
        var path = Path.Combine(Path.GetTempPath(), $"bhb-cast-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(path, script.ToString(), new UTF8Encoding(false));
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync("bash", [path], timeout: BatchTimeout);
        }
        finally
        {
            File.Delete(path);
        }
        result.EnsureSuccess("cast batch");
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != runs.Count)
            throw new InvalidOperationException($"cast batch printed {lines.Length} lines for {runs.Count} runs\n{result.StdErr}");
        return lines;
    }

    /// <summary>
    /// How to pass <paramref name="value"/> as a cast string argument so cast encodes exactly it, or null when cast
    /// cannot express it. cast trims unquoted strings and reads a leading ' or " as a quoted string without escapes,
    /// so a value is wrapped in whichever quote it does not contain.
    /// </summary>
    public static string? StringArgument(string value)
    {
        if (!value.Contains('"')) return $"\"{value}\"";
        if (!value.Contains('\'')) return $"'{value}'";
        var plain = value.Length > 0 && value[0] is not ('"' or '\'') && value.Trim() == value;
        return plain ? value : null;
    }

    /// <summary>Single-quotes a bash word: ' becomes '\''.</summary>
    private static string Quote(string word)
    {
        if (word.Contains('\0')) throw new ArgumentException("argv cannot carry NUL", nameof(word));
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
