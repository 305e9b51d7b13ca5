using System.Text.RegularExpressions;
using BlockhostBroker.Silo.Config;
using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Silo.Tests.Config;

/// <summary>config.example.toml stays the documentation of every key: all listed, all commented, none unknown.</summary>
public sealed partial class ExampleConfigTests
{
    private static readonly string[] Lines = File.ReadAllLines(RepoPaths.At("config.example.toml"));

    [Fact]
    public void Example_ReadsWithoutUnknownOrMistypedKeys()
    {
        var (_, problems) = ConfigReader.Read(string.Join('\n', Lines), "config.example.toml");

        Assert.Empty(problems);
    }

    [Fact]
    public void Example_ListsEveryKeyInItsTableWithACommentAbove()
    {
        var missing = new List<string>();
        var table = "";
        var seen = new HashSet<string>();
        for (var i = 0; i < Lines.Length; i++)
        {
            if (TableLine().Match(Lines[i]) is { Success: true } t)
                table = t.Groups[1].Value;
            else if (KeyLine().Match(Lines[i]) is { Success: true } k)
            {
                seen.Add(ConfigSchema.KeyPath(table, k.Groups[2].Value));
                var commentedOut = k.Groups[1].Success;
                if (!commentedOut && (i == 0 || !Lines[i - 1].StartsWith('#')))
                    missing.Add($"{ConfigSchema.KeyPath(table, k.Groups[2].Value)} has no comment line above it");
            }
        }
        missing.AddRange(ConfigSchema.Keys.Where(k => !seen.Contains(k.Path)).Select(k => $"{k.Path} is not in config.example.toml"));

        Assert.Empty(missing);
    }

    [GeneratedRegex(@"^\[([a-z]+)\]\s*$")]
    private static partial Regex TableLine();

    [GeneratedRegex(@"^(# )?([a-z_]+) = ")]
    private static partial Regex KeyLine();
}
