using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace BlockhostBroker.Client.Cli;

/// <summary>
/// Prints a command's outcome: text on stdout (errors on stderr), or with --json one document on stdout,
/// <c>{"command", "ok": true, "result"}</c> or <c>{"command", "ok": false, "error": {code, exitCode, message, hint, …}}</c>.
/// </summary>
public sealed class OutputWriter(ClientEnvironment environment, bool json)
{
    /// <summary>Width used for text when stdout is not a terminal, so log files keep long keys on one line.</summary>
    public const int PipeWidth = 200;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower), new BigIntegerJsonConverter() },
    };

    /// <summary>True when printing JSON.</summary>
    public bool Json => json;

    /// <summary>Prints a report and returns its exit code.</summary>
    public int Write(string command, CommandReport report)
    {
        if (json)
        {
            var document = new JsonObject
            {
                ["command"] = command,
                ["ok"] = report.ExitCode == ExitCode.Success,
                ["result"] = JsonSerializer.SerializeToNode(report, report.GetType(), JsonOptions),
            };
            environment.Out.WriteLine(document.ToJsonString(JsonOptions));
        }
        else
        {
            report.WriteHuman(CreateConsole(environment.Out, environment.OutIsTerminal));
        }
        return (int)report.ExitCode;
    }

    /// <summary>Prints an error and returns its exit code.</summary>
    public int Write(string command, ClientException error)
    {
        if (json)
        {
            var body = new JsonObject
            {
                ["code"] = JsonNamingPolicy.KebabCaseLower.ConvertName(error.ExitCode.ToString()),
                ["exitCode"] = (int)error.ExitCode,
                ["message"] = error.Message,
                ["hint"] = error.Hint,
            };
            foreach (var (key, value) in error.Details)
                body[key] = JsonSerializer.SerializeToNode(value, JsonOptions);
            var document = new JsonObject { ["command"] = command, ["ok"] = false, ["error"] = body };
            environment.Out.WriteLine(document.ToJsonString(JsonOptions));
        }
        else
        {
            environment.Error.WriteLine($"broker-client {command}: {error.Message}");
            if (error.Hint is not null)
                environment.Error.WriteLine($"  hint: {error.Hint}");
        }
        return (int)error.ExitCode;
    }

    /// <summary>A Spectre console over a writer: colours only on a terminal, never interactive prompts.</summary>
    public static IAnsiConsole CreateConsole(TextWriter writer, bool terminal = false)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
            console.Profile.Width = PipeWidth;
        return console;
    }
}
