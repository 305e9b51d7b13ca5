using System.Text.RegularExpressions;

namespace BlockhostBroker.TestSupport.Chain;

/// <summary>What <see cref="ForgeDeploy"/> should deploy beyond the registry and the operator's BrokerRequests.</summary>
public sealed record DeployOptions
{
    /// <summary>Reuse this registry instead of deploying one.</summary>
    public string? ExistingRegistry { get; init; }

    /// <summary>Admin of a newly deployed registry (default: the deployer).</summary>
    public string? RegistryOwner { get; init; }

    /// <summary>Also deploy a TestNFT owned by this address.</summary>
    public string? TestNftOwner { get; init; }
}

/// <summary>Addresses printed by script/Deploy.s.sol.</summary>
public sealed record DeployedContracts(string BrokerRegistry, string BrokerRequests, string? TestNft, string Operator);

/// <summary>
/// Runs contracts-foundry/script/Deploy.s.sol with <c>forge script --broadcast</c>, as contracts-foundry documents it,
/// and parses the "Name 0x…" lines it prints.
/// </summary>
public static partial class ForgeDeploy
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Deploys to the chain at <paramref name="rpcUrl"/>; the operator owns the new BrokerRequests.</summary>
    public static async Task<DeployedContracts> DeployAsync(Uri rpcUrl, DevAccount operatorAccount, DevAccount deployer, DeployOptions? options = null)
    {
        options ??= new DeployOptions();
        await FoundryTools.EnsureContractsBuiltAsync();
        var environment = new Dictionary<string, string>
        {
            ["OPERATOR_PRIVATE_KEY"] = operatorAccount.PrivateKeyHex,
            ["DEPLOYER_PRIVATE_KEY"] = deployer.PrivateKeyHex,
        };
        if (options.ExistingRegistry is { } registry) environment["REGISTRY_ADDRESS"] = registry;
        if (options.RegistryOwner is { } owner) environment["REGISTRY_OWNER"] = owner;
        if (options.TestNftOwner is { } nftOwner)
        {
            environment["DEPLOY_TEST_NFT"] = "true";
            environment["TEST_NFT_OWNER"] = nftOwner;
        }
        var result = await ProcessRunner.RunAsync(FoundryTools.Forge,
            ["script", "script/Deploy.s.sol", "--rpc-url", rpcUrl.ToString(), "--broadcast"],
            timeout: Timeout, workingDirectory: RepoPaths.Contracts, environment: environment);
        result.EnsureSuccess("forge script script/Deploy.s.sol");
        return Parse(result.StdOut);
    }

    /// <summary>Reads the "BrokerRegistry 0x…", "BrokerRequests 0x…", "TestNFT 0x…" and "Operator 0x…" lines.</summary>
    public static DeployedContracts Parse(string output)
    {
        var found = OutputLine().Matches(output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        string Required(string name) => found.TryGetValue(name, out var v) ? v
            : throw new InvalidOperationException($"forge script printed no '{name}' line:\n{output}");
        return new DeployedContracts(Required("BrokerRegistry"), Required("BrokerRequests"), found.GetValueOrDefault("TestNFT"), Required("Operator"));
    }

    [GeneratedRegex(@"^\s*(BrokerRegistry|BrokerRequests|TestNFT|Operator)\s+(0x[0-9a-fA-F]{40})\s*$", RegexOptions.Multiline)]
    private static partial Regex OutputLine();
}
