using System.CommandLine;
using BlockhostBroker.Client.State;

namespace BlockhostBroker.Client.Cli;

/// <summary>Everything a command needs for one run: parsed values, global settings, the machine and the output.</summary>
/// <param name="Parse">The parse result, for the command's own options.</param>
/// <param name="Globals">The global settings.</param>
/// <param name="Environment">Streams, tools, variables, clock.</param>
/// <param name="Output">The writer for the result.</param>
public sealed record CommandContext(ParseResult Parse, GlobalSettings Globals, ClientEnvironment Environment, OutputWriter Output)
{
    /// <summary>The state folder named by --state-dir.</summary>
    public StateDirectory State { get; } = new(Globals.StateDirectory);

    /// <summary>The value of one of the command's options.</summary>
    public T GetValue<T>(Option<T> option) => Parse.GetValue(option)!;
}

/// <summary>One row of the command table: the command's declaration (name, description, options) and its behaviour.</summary>
public interface IClientCommand
{
    /// <summary>The System.CommandLine declaration, used both to parse and to print usage.</summary>
    Command Definition { get; }

    /// <summary>Runs the command; failures are <see cref="ClientException"/>s.</summary>
    Task<CommandReport> RunAsync(CommandContext context, CancellationToken cancellationToken);
}
