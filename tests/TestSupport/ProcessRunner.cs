using System.Diagnostics;

namespace BlockhostBroker.TestSupport;

/// <summary>The outcome of a finished external process.</summary>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Throws with both streams when the process failed.</summary>
    public ProcessResult EnsureSuccess(string what)
    {
        if (ExitCode != 0)
            throw new InvalidOperationException($"{what} exited {ExitCode}\nstdout: {StdOut}\nstderr: {StdErr}");
        return this;
    }
}

/// <summary>Runs external tools (cast, wg, node, ip) with a deadline, so a hung tool fails a test instead of hanging it.</summary>
public static class ProcessRunner
{
    /// <summary>Runs a program to completion, feeding stdin when given; kills it at the deadline.</summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null,
        string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (environment is not null)
            foreach (var (k, v) in environment) psi.Environment[k] = v;

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', psi.ArgumentList)} did not finish in {timeout}");
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a program and returns its trimmed stdout, throwing when it fails.</summary>
    public static async Task<string> OutputAsync(string fileName, params string[] args) =>
        (await RunAsync(fileName, args)).EnsureSuccess(fileName).StdOut.Trim();
}
