using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using BlockhostBroker.Client.Commands;

namespace BlockhostBroker.Client.Cli;

/// <summary>The one table of commands: it builds the parser, whose declarations drive both dispatch and usage.</summary>
public static class CommandTable
{
    /// <summary>The program's name in usage and messages.</summary>
    public const string ProgramName = "broker-client";

    /// <summary>The commands, in the order usage lists them.</summary>
    public static IReadOnlyList<IClientCommand> CreateCommands() =>
    [
        new ListBrokersCommand(),
        new RequestCommand(),
        new StatusCommand(),
        new ConfigureCommand(),
        new InstallCommand(),
        new ReleaseCommand(),
    ];

    /// <summary>The client's version (the assembly's informational version without build metadata).</summary>
    public static string Version =>
        (typeof(CommandTable).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
            .Split('+')[0];

    /// <summary>Builds the root command with the global options and every command of the table wired to its action.</summary>
    public static Command BuildRoot(GlobalOptions globals, ClientEnvironment environment)
    {
        // A plain Command rather than RootCommand, whose name is the host process's (the test host's, in tests).
        var root = new Command(ProgramName, "Asks a blockhost-broker for an IPv6 prefix through its on-chain contracts and brings up the WireGuard tunnel.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption { Action = new PrintVersionAction() },
        };
        foreach (var option in globals.All)
            root.Options.Add(option);
        foreach (var command in CreateCommands())
        {
            var definition = command.Definition;
            definition.SetAction((parse, cancellationToken) =>
                CommandRunner.RunAsync(command, parse, globals, environment, cancellationToken));
            root.Subcommands.Add(definition);
        }
        return root;
    }

    /// <summary>Prints "broker-client &lt;version&gt;".</summary>
    private sealed class PrintVersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine($"{ProgramName} {Version}");
            return (int)ExitCode.Success;
        }
    }
}
