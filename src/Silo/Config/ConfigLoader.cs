namespace BlockhostBroker.Silo.Config;

/// <summary>The config file has problems; <see cref="Problems"/> lists each, naming its key and the fix.</summary>
public sealed class BrokerConfigException(string path, IReadOnlyList<string> problems)
    : Exception($"{path}: {problems.Count} problem(s):{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}")
{
    /// <summary>The file that was read.</summary>
    public string Path { get; } = path;

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>Loads config.toml: reads, type-checks and validates it, reporting every problem at once.</summary>
public static class ConfigLoader
{
    /// <summary>The valid config; throws <see cref="BrokerConfigException"/> listing every problem.</summary>
    public static BrokerConfig Load(string path)
    {
        var (config, problems) = FromText(ReadFile(path), path);
        return problems.Count == 0 ? config : throw new BrokerConfigException(path, problems);
    }

    /// <summary>Reads and validates config text; values are checked only when every key was known and well-typed.</summary>
    public static (BrokerConfig Config, IReadOnlyList<string> Problems) FromText(string toml, string sourcePath = "config.toml")
    {
        var (config, problems) = ConfigReader.Read(toml, sourcePath);
        var all = problems.ToList();
        // Value checks run even when other keys were unknown, so one run reports everything wrong with the file;
        // only a syntax error stops them (the values were never read).
        if (!all.Any(p => p.StartsWith("TOML syntax", StringComparison.Ordinal)))
            all.AddRange(ConfigValidator.Check(config).Where(p => !all.Any(known => SameKey(known, p))));
        return (config, all);
    }

    /// <summary>
    /// The admin API's base URL from [api] listen, reading nothing else, so admin commands work where the key files
    /// are not readable; throws <see cref="BrokerConfigException"/> when the file or that key is bad.
    /// </summary>
    public static Uri ReadApiUrl(string path)
    {
        var problems = new List<string>();
        var root = ConfigReader.Parse(ReadFile(path), path, problems);
        var listen = HttpListenSettings.DefaultApiListen;
        if (root is not null && root.TryGetValue("api", out var api) && api is Tomlyn.Model.TomlTable table && table.TryGetValue("listen", out var value))
            listen = value as string ?? "";
        if (root is not null && !ListenAddress.TryParse(listen, out _, out var problem))
            problems.Add($"{ConfigSchema.KeyPath("api", "listen")}: \"{listen}\": {problem}");
        return problems.Count == 0 ? ListenAddress.Parse(listen).LocalUri : throw new BrokerConfigException(path, problems);
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BrokerConfigException(path, [$"the config file does not exist; copy config.example.toml to {path} and edit it, or pass -c PATH"]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BrokerConfigException(path, [$"the config file cannot be read ({e.Message})"]);
        }
    }

    private static bool SameKey(string a, string b)
    {
        var end = a.IndexOf(':', StringComparison.Ordinal);
        var keyA = end > 0 ? a[..end].Split(' ', 3) : [];
        return keyA.Length >= 2 && b.StartsWith($"{keyA[0]} {keyA[1]}", StringComparison.Ordinal) && a.StartsWith('[');
    }
}
