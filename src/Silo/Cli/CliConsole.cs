namespace BlockhostBroker.Silo.Cli;

/// <summary>Where the CLI writes: the process's stdout and stderr, or writers a test captures.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error)
{
    /// <summary>The process's own streams.</summary>
    public static CliConsole FromProcess() => new(Console.Out, Console.Error);
}

/// <summary>The documented exit codes of blockhost-broker; numbers never change meaning.</summary>
public enum ExitCode
{
    /// <summary>Done as asked.</summary>
    Success = 0,
    /// <summary>The action failed (a transaction reverted, the API refused, the daemon failed to start).</summary>
    Failure = 1,
    /// <summary>Bad arguments; usage is printed to stderr.</summary>
    Usage = 2,
    /// <summary>The thing asked about does not exist (request, allocation).</summary>
    NotFound = 3,
    /// <summary>No daemon answers on the API address (sysexits EX_UNAVAILABLE).</summary>
    Unavailable = 69,
    /// <summary>The config file has problems (sysexits EX_CONFIG); systemd does not restart on it.</summary>
    Config = 78,
}
