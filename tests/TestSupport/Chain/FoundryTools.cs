using System.Runtime.InteropServices;

namespace BlockhostBroker.TestSupport.Chain;

/// <summary>
/// Paths of the npm-installed Foundry tools and the forge build output. The native binaries are used
/// directly when present (the node_modules/.bin wrappers cost a node start-up per call and do not
/// forward a kill to the child).
/// </summary>
public static class FoundryTools
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);
    private static readonly SemaphoreSlim BuildGate = new(1, 1);
    private static bool built;

    /// <summary>The forge binary.</summary>
    public static string Forge => Resolve("forge");

    /// <summary>The anvil binary.</summary>
    public static string Anvil => Resolve("anvil");

    /// <summary>The cast binary.</summary>
    public static string Cast => Resolve("cast");

    /// <summary>The artifact forge writes for a contract: contracts-foundry/out/&lt;File&gt;.sol/&lt;Contract&gt;.json.</summary>
    public static string ArtifactPath(string contract, string? file = null) =>
        Path.Combine(RepoPaths.Contracts, "out", $"{file ?? contract}.sol", $"{contract}.json");

    /// <summary>Runs <c>forge build</c> once per process when an artifact is missing or older than a source file.</summary>
    public static async Task EnsureContractsBuiltAsync()
    {
        await BuildGate.WaitAsync();
        try
        {
            if (built) return;
            if (IsStale())
            {
                var result = await ProcessRunner.RunAsync(Forge, ["build"], timeout: BuildTimeout, workingDirectory: RepoPaths.Contracts);
                result.EnsureSuccess("forge build");
            }
            built = true;
        }
        finally
        {
            BuildGate.Release();
        }
    }

    private static bool IsStale()
    {
        string[] artifacts = [ArtifactPath("BrokerRequests"), ArtifactPath("BrokerRegistry"), ArtifactPath("TestNFT"), ArtifactPath("SwitchableNFT")];
        if (artifacts.Any(a => !File.Exists(a))) return true;
        var oldestArtifact = artifacts.Min(File.GetLastWriteTimeUtc);
        var sources = Directory.EnumerateFiles(Path.Combine(RepoPaths.Contracts, "src"), "*.sol", SearchOption.AllDirectories);
        return sources.Any(s => File.GetLastWriteTimeUtc(s) > oldestArtifact);
    }

    private static string Resolve(string tool)
    {
        var arch = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64";
        var native = RepoPaths.At("node_modules", "@foundry-rs", $"{tool}-linux-{arch}", "bin", tool);
        return File.Exists(native) ? native : RepoPaths.NodeTool(tool);
    }
}
