namespace BlockhostBroker.TestSupport;

/// <summary>Locates the repository, its shared folder and the npm-installed tools from a test's working directory.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The repository root: the folder holding blockhost-broker.slnx.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>The steering repo's shared folder (vectors, docs), beside the repository.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>The Foundry project.</summary>
    public static string Contracts => Path.Combine(Root, "contracts-foundry");

    /// <summary>A tool installed by scripts/bootstrap into node_modules/.bin (forge, anvil, cast).</summary>
    public static string NodeTool(string name) => Path.Combine(Root, "node_modules", ".bin", name);

    /// <summary>A file under the repository root.</summary>
    public static string At(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "blockhost-broker.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException(
            $"blockhost-broker.slnx not found above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
