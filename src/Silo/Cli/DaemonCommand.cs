using BlockhostBroker.Grains.Faults;
using BlockhostBroker.Silo.Config;
using BlockhostBroker.Silo.Hosting;
using Microsoft.AspNetCore.Builder;

namespace BlockhostBroker.Silo.Cli;

/// <summary>Runs the daemon: loads and validates the config (every problem at once, no stack trace), then the host until stopped.</summary>
public static class DaemonCommand
{
    /// <summary>Runs until SIGTERM/SIGINT; returns the exit code.</summary>
    public static async Task<int> RunAsync(string configPath, CliConsole console, CancellationToken cancellationToken)
    {
        BrokerConfig config;
        try
        {
            config = ConfigLoader.Load(configPath);
        }
        catch (BrokerConfigException e)
        {
            await console.Error.WriteLineAsync($"{CommandTable.ProgramName}: {e.Message}");
            return (int)ExitCode.Config;
        }
        if (FaultInjection.Error is { } faultError)
        {
            // A mistyped crash-test point must not quietly run a broker that never crashes.
            await console.Error.WriteLineAsync($"{CommandTable.ProgramName}: {faultError}");
            return (int)ExitCode.Config;
        }
        try
        {
            await using var app = await BrokerHost.BuildAsync(config, cancellationToken);
            await app.RunAsync();
            return (int)ExitCode.Success;
        }
        catch (ChainMismatchException e)
        {
            await console.Error.WriteLineAsync($"{CommandTable.ProgramName}: {e.Message}");
            return (int)ExitCode.Config;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Start-up failures (a port taken, a database refused) are printed as their messages; the log has the detail.
            await console.Error.WriteLineAsync($"{CommandTable.ProgramName}: failed: {Messages(e)}");
            return (int)ExitCode.Failure;
        }
    }

    private static string Messages(Exception e)
    {
        var parts = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (!parts.Contains(current.Message))
                parts.Add(current.Message);
        }
        return string.Join(" <- ", parts);
    }
}
