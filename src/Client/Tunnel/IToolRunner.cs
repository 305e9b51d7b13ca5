namespace BlockhostBroker.Client.Tunnel;

/// <summary>One invocation of an external tool (wg, ip, wireguard-go, systemctl).</summary>
/// <param name="Program">The program name or path.</param>
/// <param name="Arguments">Its arguments, passed without a shell.</param>
/// <param name="StandardInput">Text fed to stdin (a wg config holding a private key: never logged), or null.</param>
public sealed record ToolCommand(string Program, IReadOnlyList<string> Arguments, string? StandardInput = null)
{
    /// <summary>Creates a command from a program and its arguments.</summary>
    public static ToolCommand Of(string program, params string[] arguments) => new(program, arguments);

    /// <summary>The command line as a person would type it (stdin is never shown).</summary>
    public override string ToString() => string.Join(' ', [Program, .. Arguments]);
}

/// <summary>How an external tool ended.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="StdOut">Everything it wrote to stdout.</param>
/// <param name="StdErr">Everything it wrote to stderr.</param>
public sealed record ToolResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>True when the tool exited 0.</summary>
    public bool Succeeded => ExitCode == 0;
}

/// <summary>Runs external tools; the seam that lets tests run the real tools inside a network namespace.</summary>
public interface IToolRunner
{
    /// <summary>Runs a tool to completion and reports how it ended; a non-zero exit is a result, not an exception.</summary>
    Task<ToolResult> RunAsync(ToolCommand command, CancellationToken cancellationToken);
}

/// <summary>Helpers over <see cref="IToolRunner"/>.</summary>
public static class ToolRunnerExtensions
{
    /// <summary>Runs a tool and throws <see cref="Cli.ClientFailureException"/> naming the command and its stderr when it fails.</summary>
    public static async Task<ToolResult> RunCheckedAsync(this IToolRunner runner, ToolCommand command, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(command, cancellationToken);
        if (!result.Succeeded)
            throw new Cli.ClientFailureException(
                $"`{command}` exited {result.ExitCode}: {result.StdErr.Trim()}",
                "run the command by hand to see more; configure needs root (CAP_NET_ADMIN)");
        return result;
    }
}
