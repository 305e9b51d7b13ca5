using System.ComponentModel;
using System.Diagnostics;
using BlockhostBroker.Client.Cli;

namespace BlockhostBroker.Client.Tunnel;

/// <summary>Runs tools as child processes with a deadline, so a hung tool fails the command instead of hanging it.</summary>
public sealed class ProcessToolRunner : IToolRunner
{
    /// <summary>How long one tool may run.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    // wireguard-go hands its stdout to the daemon it forks when LOG_LEVEL is set; the daemon would then hold our
    // pipe open for its whole life and reading stdout to the end would never finish.
    private static readonly string[] RemovedVariables = ["LOG_LEVEL"];

    private readonly TimeSpan _timeout;

    /// <summary>Creates a runner with the given per-tool deadline (default 30 s).</summary>
    public ProcessToolRunner(TimeSpan? timeout = null) => _timeout = timeout ?? DefaultTimeout;

    /// <inheritdoc />
    public async Task<ToolResult> RunAsync(ToolCommand command, CancellationToken cancellationToken)
    {
        using var process = Start(command);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (command.StandardInput is not null)
        {
            await process.StandardInput.WriteAsync(command.StandardInput.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new ClientFailureException($"`{command}` did not finish within {_timeout.TotalSeconds:0} s");
        }
        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }

    private static Process Start(ToolCommand command)
    {
        var info = new ProcessStartInfo(command.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = command.StandardInput is not null,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
            info.ArgumentList.Add(argument);
        foreach (var name in RemovedVariables)
            info.Environment.Remove(name);
        try
        {
            return Process.Start(info) ?? throw new ClientFailureException($"could not start `{command.Program}`");
        }
        catch (Win32Exception e)
        {
            throw new ClientFailureException($"could not run `{command.Program}`: {e.Message}",
                "install wireguard-tools and iproute2 (and wireguard-go where the kernel has no WireGuard)", e);
        }
    }
}
