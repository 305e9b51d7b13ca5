using BlockhostBroker.Silo.Cli;
using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Silo.Tests.Support;

/// <summary>What one CLI run printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error);

/// <summary>Runs blockhost-broker's command line: in-process for admin commands, or as the real program.</summary>
public static class Cli
{
    /// <summary>Runs the command table in-process with captured output; running the daemon this way is a test bug.</summary>
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BrokerCli.RunAsync(args, new CliConsole(output, error),
            (_, _) => throw new InvalidOperationException("the daemon is started as its own process in these tests"));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>The program's path beside the test assembly (copied by the project reference).</summary>
    public static string ProgramDll => Path.Combine(AppContext.BaseDirectory, "blockhost-broker.dll");

    /// <summary>Runs the real program to completion.</summary>
    public static async Task<CliRun> RunProcessAsync(TimeSpan timeout, params string[] args)
    {
        var result = await ProcessRunner.RunAsync("dotnet", [ProgramDll, .. args], timeout: timeout);
        return new CliRun(result.ExitCode, result.StdOut, result.StdErr);
    }
}
