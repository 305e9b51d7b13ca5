using System.Globalization;
using Spectre.Console;

namespace BlockhostBroker.Client.Requests;

/// <summary>Where a request stands while the client waits for the broker.</summary>
/// <param name="RequestId">The on-chain request id.</param>
/// <param name="BlocksElapsed">Blocks mined since the request was included.</param>
/// <param name="Elapsed">Time waited so far in this run.</param>
/// <param name="BrokerState">The request's state on-chain as the broker left it ("pending", "approved", ...).</param>
/// <param name="ExpiresIn">Time until the contract stops accepting an answer, when known.</param>
public sealed record RequestProgress(ulong RequestId, long BlocksElapsed, TimeSpan Elapsed, string BrokerState, TimeSpan? ExpiresIn)
{
    /// <summary>One status line, e.g. "request #3: pending · 4 blocks · 00:12 waited · expires in 23:59:48".</summary>
    public override string ToString()
    {
        var expiry = ExpiresIn is { } left ? $" · expires in {Clock(left)}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"request #{RequestId}: {BrokerState} · {BlocksElapsed} block{(BlocksElapsed == 1 ? "" : "s")} · {Clock(Elapsed)} waited{expiry}");
    }

    // Hours are counted in total: a request's expiry is often a whole day or more away.
    private static string Clock(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalHours}:{span:mm\\:ss}")
        : span.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}

/// <summary>Shows a request's progress to the person waiting; never writes to stdout, which holds the result.</summary>
public interface IProgressView
{
    /// <summary>Prints a one-off line (submitted, resuming).</summary>
    void Note(string line);

    /// <summary>Runs the wait while showing the progress it reports.</summary>
    Task<T> RunAsync<T>(Func<IProgress<RequestProgress>, Task<T>> work);
}

/// <summary>Chooses the view: a live Spectre status line on a terminal, plain lines otherwise, nothing with --json.</summary>
public static class ProgressView
{
    /// <summary>The view for this run.</summary>
    public static IProgressView For(Cli.ClientEnvironment environment, bool json) =>
        json ? new SilentView()
        : environment.ErrorIsTerminal ? new LiveView(Cli.OutputWriter.CreateConsole(environment.Error, terminal: true))
        : new LineView(environment.Error);

    private sealed class SilentView : IProgressView
    {
        public void Note(string line) { }

        public Task<T> RunAsync<T>(Func<IProgress<RequestProgress>, Task<T>> work) => work(new Sink(_ => { }));
    }

    // Spectre's status line: redrawn in place with a spinner on every report.
    private sealed class LiveView(IAnsiConsole console) : IProgressView
    {
        public void Note(string line) => console.MarkupLine(Markup.Escape(line));

        public Task<T> RunAsync<T>(Func<IProgress<RequestProgress>, Task<T>> work) =>
            console.Status().StartAsync("waiting for the broker…", context =>
                work(new Sink(progress => context.Status(Markup.Escape(progress.ToString())))));
    }

    // For logs: a line when the broker's state changes, not one per poll.
    private sealed class LineView(TextWriter error) : IProgressView
    {
        private string? _lastState;

        public void Note(string line) => error.WriteLine(line);

        public Task<T> RunAsync<T>(Func<IProgress<RequestProgress>, Task<T>> work) => work(new Sink(progress =>
        {
            if (progress.BrokerState == _lastState)
                return;
            _lastState = progress.BrokerState;
            error.WriteLine(progress.ToString());
        }));
    }

    // Reports synchronously on the caller's thread (Progress<T> would post to a pool thread and reorder lines).
    private sealed class Sink(Action<RequestProgress> report) : IProgress<RequestProgress>
    {
        public void Report(RequestProgress value) => report(value);
    }
}
