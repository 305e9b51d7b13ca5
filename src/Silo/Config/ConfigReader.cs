using System.Globalization;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Parsing;

namespace BlockhostBroker.Silo.Config;

/// <summary>
/// Reads config.toml text into a <see cref="BrokerConfig"/> by the <see cref="ConfigSchema"/> table: syntax errors,
/// unknown tables and keys, wrong types and missing required keys are all collected, never thrown one at a time.
/// </summary>
public static class ConfigReader
{
    /// <summary>Reads the text; the problems list is empty when every key was known and well-typed.</summary>
    public static (BrokerConfig Config, IReadOnlyList<string> Problems) Read(string toml, string sourcePath = "")
    {
        var config = new BrokerConfig { SourcePath = sourcePath };
        var problems = new List<string>();
        if (Parse(toml, sourcePath, problems) is not { } root)
            return (config, problems);
        foreach (var (name, value) in root)
        {
            if (value is TomlTable table && ConfigSchema.Tables.Contains(name))
                ReadTable(config, name, table, problems);
            else
                problems.Add(UnknownTopLevel(name, value));
        }
        foreach (var key in ConfigSchema.Keys.Where(k => k.Required && !Present(root, k)))
            problems.Add($"{key.Path} is missing: add it to the [{key.Table}] table, e.g. {key.Example}");
        return (config, problems);
    }

    /// <summary>The syntax tree's errors, or the parsed table; a file with syntax errors yields only those.</summary>
    internal static TomlTable? Parse(string toml, string sourcePath, List<string> problems)
    {
        try
        {
            SyntaxParser.ParseStrict(toml, sourcePath, validate: true);
            return TomlSerializer.Deserialize<TomlTable>(toml) ?? new TomlTable();
        }
        catch (TomlException error)
        {
            var lines = error.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            problems.AddRange(lines.Select(line => $"TOML syntax: {line}"));
            return null;
        }
    }

    private static void ReadTable(BrokerConfig config, string tableName, TomlTable table, List<string> problems)
    {
        foreach (var (name, value) in table)
        {
            var key = ConfigSchema.Find(tableName, name);
            if (key is null)
            {
                problems.Add(UnknownKey(tableName, name));
                continue;
            }
            if (Convert(key, value, out var converted, out var problem))
                key.Apply(config, converted!);
            else
                problems.Add($"{key.Path}: {problem}; write it as {key.Example}");
        }
    }

    private static bool Present(TomlTable root, ConfigKey key) =>
        root.TryGetValue(key.Table, out var table) && table is TomlTable t && t.ContainsKey(key.Name);

    private static bool Convert(ConfigKey key, object value, out object? converted, out string problem)
    {
        converted = (key.Kind, value) switch
        {
            (TomlKind.String, string s) => s,
            (TomlKind.Boolean, bool b) => b,
            (TomlKind.Long, long l) => l,
            (TomlKind.Int, long l) when l is >= int.MinValue and <= int.MaxValue => (int)l,
            (TomlKind.Number, long l) => (decimal)l,
            (TomlKind.Number, double d) when double.IsFinite(d) && Math.Abs(d) < (double)decimal.MaxValue => (decimal)d,
            _ => null,
        };
        problem = converted is null ? $"{Describe(value)} is not {Expected(key.Kind)}" : "";
        return converted is not null;
    }

    private static string Expected(TomlKind kind) => kind switch
    {
        TomlKind.String => "a string",
        TomlKind.Boolean => "true or false",
        TomlKind.Int => "a whole number",
        TomlKind.Long => "a whole number",
        _ => "a number",
    };

    private static string Describe(object value) => value switch
    {
        string s => $"\"{s}\" (a string)",
        long l => $"{l.ToString(CultureInfo.InvariantCulture)} (a whole number{(l is < int.MinValue or > int.MaxValue ? " too large" : "")})",
        double d => $"{d.ToString(CultureInfo.InvariantCulture)} (a float)",
        bool b => $"{(b ? "true" : "false")} (a boolean)",
        TomlTable => "a table",
        TomlArray or TomlTableArray => "an array",
        _ => $"a {value.GetType().Name}",
    };

    private static string UnknownTopLevel(string name, object value)
    {
        var known = string.Join(", ", ConfigSchema.Tables.Select(t => $"[{t}]"));
        if (value is TomlTable or TomlTableArray)
            return $"[{name}] is not a known table{Suggest(name, ConfigSchema.Tables, t => $"[{t}]")}; the tables are {known}";
        return $"{name} is outside any table; every key belongs in one of {known}";
    }

    private static string UnknownKey(string table, string name)
    {
        var names = ConfigSchema.Keys.Where(k => k.Table == table).Select(k => k.Name).ToList();
        return $"{ConfigSchema.KeyPath(table, name)} is not a known key{Suggest(name, names, n => n)}; remove it (config.example.toml lists every key)";
    }

    // A close known name ("did you mean …") for a typo: at most two edits away.
    private static string Suggest(string name, IEnumerable<string> known, Func<string, string> show)
    {
        const int MaxEdits = 2;
        var best = known.Select(k => (Name: k, Distance: EditDistance(name, k))).OrderBy(x => x.Distance).FirstOrDefault();
        return best.Name is not null && best.Distance <= MaxEdits ? $" (did you mean {show(best.Name)}?)" : "";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
