using System.Runtime.InteropServices;

namespace BlockhostBroker.Client.Cli;

/// <summary>
/// Turns SIGINT and SIGTERM into cancellation, so a command stops at its next await, reports "interrupted" and
/// exits 130 instead of dying mid-write (a submitted request stays saved and `request` resumes it).
/// </summary>
public sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration[] _registrations;

    /// <summary>Starts listening for SIGINT and SIGTERM.</summary>
    public TerminationSignals() =>
        _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(signal => PosixSignalRegistration.Create(signal, OnSignal))];

    /// <summary>Cancelled when a signal arrives.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _cancellation.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Keep the process alive; the command winds down through the token. A second signal finds it cancelled already.
        context.Cancel = !_cancellation.IsCancellationRequested;
        _cancellation.Cancel();
    }
}
