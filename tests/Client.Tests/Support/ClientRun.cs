using BlockhostBroker.Client.Cli;
using BlockhostBroker.Client.Tunnel;

namespace BlockhostBroker.Client.Tests.Support;

/// <summary>How one run of the client ended.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StdOut">What it printed on stdout.</param>
/// <param name="StdErr">What it printed on stderr.</param>
public sealed record ClientOutcome(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>The exit code as the enum.</summary>
    public ExitCode Code => (ExitCode)ExitCode;

    /// <summary>Parses stdout as the one JSON document of a --json run.</summary>
    public System.Text.Json.JsonElement Json()
    {
        using var document = System.Text.Json.JsonDocument.Parse(StdOut);
        return document.RootElement.Clone();
    }

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StdOut}\nstderr:\n{StdErr}";
}

/// <summary>Runs the client in-process, exactly as Program does, with captured streams and a chosen tool runner.</summary>
public static class ClientRun
{
    /// <summary>Runs the client with real tools (unless given others), systemd reported absent and no environment variables; cancelled with the test.</summary>
    public static async Task<ClientOutcome> RunAsync(
        IEnumerable<string> args, IToolRunner? tools = null, bool systemd = false, IReadOnlyDictionary<string, string>? variables = null,
        TimeSpan? interruptAfter = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var environment = new ClientEnvironment
        {
            Out = stdout,
            Error = stderr,
            Tools = tools ?? new ProcessToolRunner(),
            SystemdIsRunning = () => systemd,
            GetVariable = name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
        };
        // Cancelling the token is what TerminationSignals does on SIGINT/SIGTERM.
        using var signal = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        if (interruptAfter is { } delay)
            signal.CancelAfter(delay);
        var exit = await ClientApp.RunAsync([.. args], environment, signal.Token);
        return new ClientOutcome(exit, stdout.ToString(), stderr.ToString());
    }
}
