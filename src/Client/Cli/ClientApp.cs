using System.CommandLine;
using System.CommandLine.Parsing;

namespace BlockhostBroker.Client.Cli;

/// <summary>The program: parses the arguments with the command table and dispatches; bad arguments print usage to stderr and exit 2.</summary>
public static class ClientApp
{
    /// <summary>Runs the client with the given arguments on the given machine and returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, ClientEnvironment environment, CancellationToken cancellationToken = default)
    {
        var globals = new GlobalOptions(environment.GetVariable);
        var root = CommandTable.BuildRoot(globals, environment);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
            return await WriteUsageAsync(root, parse, environment.Error);
        var invocation = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            EnableDefaultExceptionHandler = false,
            // Signals are the caller's (TerminationSignals), so that tests and the program cancel alike.
            ProcessTerminationTimeout = null,
        };
        return await parse.InvokeAsync(invocation, cancellationToken);
    }

    // The usage printed is the help of the command that failed to parse, produced by the same declarations.
    private static async Task<int> WriteUsageAsync(Command root, ParseResult parse, TextWriter error)
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
