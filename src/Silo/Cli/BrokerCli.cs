using System.CommandLine;
using System.CommandLine.Parsing;

namespace BlockhostBroker.Silo.Cli;

/// <summary>The program: parses the arguments with the command table and dispatches; bad arguments print usage to stderr and exit 2.</summary>
public static class BrokerCli
{
    /// <summary>Runs with the given arguments; <paramref name="runDaemon"/> runs the daemon for a config path.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, Func<string, CancellationToken, Task<int>> runDaemon,
        CancellationToken cancellationToken = default)
    {
        var root = CommandTable.BuildRoot(console, runDaemon);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
            return await WriteUsageAsync(root, parse, console.Error);
        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
        return await parse.InvokeAsync(invocation, cancellationToken);
    }

    // The usage printed is the help of the command that failed to parse, from the same declarations that dispatch.
    private static async Task<int> WriteUsageAsync(RootCommand root, ParseResult parse, TextWriter error)
    {
        foreach (var problem in parse.Errors)
            await error.WriteLineAsync($"{CommandTable.ProgramName}: {problem.Message}");
        await error.WriteLineAsync();
        var help = root.Parse([.. CommandPath(parse.CommandResult), "--help"]);
        await help.InvokeAsync(new InvocationConfiguration { Output = error, Error = error });
        return (int)ExitCode.Usage;
    }

    private static IEnumerable<string> CommandPath(CommandResult command)
    {
        var names = new Stack<string>();
        for (SymbolResult? result = command; result is CommandResult { Parent: not null } current; result = current.Parent)
            names.Push(current.Command.Name);
        return names;
    }
}
