using System.Text.Json.Serialization;
using Spectre.Console;

namespace BlockhostBroker.Client.Cli;

/// <summary>
/// What a command found or did. Its public properties are the `result` of the JSON document; <see cref="WriteHuman"/>
/// renders the same facts as text.
/// </summary>
public abstract record CommandReport
{
    /// <summary>The exit code the run ends with (success unless a report says otherwise).</summary>
    [JsonIgnore]
    public virtual ExitCode ExitCode => ExitCode.Success;

    /// <summary>Writes the report for a person.</summary>
    public abstract void WriteHuman(IAnsiConsole console);
}

/// <summary>Writers for the facts reports share.</summary>
public static class HumanText
{
    /// <summary>Writes "label: value" with the label dimmed; values are escaped, never parsed as markup.</summary>
    public static void Field(this IAnsiConsole console, string label, object? value) =>
        console.MarkupLine($"  [grey]{Markup.Escape(label)}:[/] {Markup.Escape(value?.ToString() ?? "-")}");

    /// <summary>Writes a plain line (escaped).</summary>
    public static void Line(this IAnsiConsole console, string text) => console.MarkupLine(Markup.Escape(text));
}
