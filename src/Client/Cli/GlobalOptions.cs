using System.CommandLine;
using System.Globalization;
using BlockhostBroker.Client.State;

namespace BlockhostBroker.Client.Cli;

/// <summary>The options every command takes, with their environment-variable fallbacks (the original client's names).</summary>
public sealed class GlobalOptions
{
    /// <summary>The RPC endpoint used when neither --rpc-url nor ETH_RPC_URL is given.</summary>
    public const string DefaultRpcUrl = "http://127.0.0.1:8545";

    /// <summary>Environment variable for --rpc-url.</summary>
    public const string RpcUrlVariable = "ETH_RPC_URL";

    /// <summary>Environment variable for --chain-id.</summary>
    public const string ChainIdVariable = "ETH_CHAIN_ID";

    /// <summary>Environment variable for --registry-contract.</summary>
    public const string RegistryVariable = "BROKER_REGISTRY_CONTRACT";

    private readonly Func<string, string?> _variables;

    /// <summary>Declares the options; <paramref name="variables"/> supplies the environment fallbacks.</summary>
    public GlobalOptions(Func<string, string?> variables)
    {
        _variables = variables;
        RpcUrl = new Option<Uri>("--rpc-url")
        {
            Description = $"JSON-RPC endpoint of the chain (env {RpcUrlVariable})",
            HelpName = "URL",
            Recursive = true,
            DefaultValueFactory = _ => new Uri(DefaultRpcUrl),
            CustomParser = OptionParsers.RpcUrl,
        };
        Registry = OptionParsers.Address("--registry-contract", $"BrokerRegistry contract (env {RegistryVariable})");
        Registry.Recursive = true;
        ChainId = new Option<long?>("--chain-id")
        {
            Description = $"expected chain id; the node's own id is used when absent (env {ChainIdVariable})",
            HelpName = "ID",
            Recursive = true,
        };
        ChainId.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long?>() is <= 0)
                result.AddError("--chain-id must be a positive integer");
        });
        StateDir = new Option<string>("--state-dir")
        {
            Description = "folder for keys, request.json and allocation.json",
            HelpName = "DIR",
            Recursive = true,
            DefaultValueFactory = _ => StateDirectory.DefaultPath,
        };
        Json = new Option<bool>("--json") { Description = "print one JSON document instead of text", Recursive = true };
    }

    /// <summary>--rpc-url.</summary>
    public Option<Uri> RpcUrl { get; }

    /// <summary>--registry-contract.</summary>
    public Option<string?> Registry { get; }

    /// <summary>--chain-id.</summary>
    public Option<long?> ChainId { get; }

    /// <summary>--state-dir.</summary>
    public Option<string> StateDir { get; }

    /// <summary>--json.</summary>
    public Option<bool> Json { get; }

    /// <summary>All of them, for adding to the root command.</summary>
    public IEnumerable<Option> All => [RpcUrl, Registry, ChainId, StateDir, Json];

    /// <summary>Reads the values after parsing, applying the environment fallbacks.</summary>
    public GlobalSettings Read(ParseResult parse)
    {
        var registry = parse.GetValue(Registry) ?? ReadRegistryVariable();
        var chainId = parse.GetValue(ChainId) ?? ReadChainIdVariable();
        var rpcUrl = parse.GetResult(RpcUrl) is { Implicit: false } ? parse.GetValue(RpcUrl)! : ReadRpcUrlVariable() ?? parse.GetValue(RpcUrl)!;
        return new GlobalSettings(rpcUrl, registry, chainId, parse.GetValue(StateDir)!, parse.GetValue(Json));
    }

    private Uri? ReadRpcUrlVariable()
    {
        var text = _variables(RpcUrlVariable);
        if (string.IsNullOrEmpty(text))
            return null;
        return OptionParsers.TryParseRpcUrl(text, out var url)
            ? url
            : throw new UsageException($"{RpcUrlVariable}='{text}' is not an http(s) URL");
    }

    private string? ReadRegistryVariable()
    {
        var text = _variables(RegistryVariable);
        if (string.IsNullOrEmpty(text))
            return null;
        return Protocol.Payloads.EthereumAddressText.TryNormalize(text, out var address, out _)
            ? address
            : throw new UsageException($"{RegistryVariable}='{text}' is not an address");
    }

    private long? ReadChainIdVariable()
    {
        var text = _variables(ChainIdVariable);
        if (string.IsNullOrEmpty(text))
            return null;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new UsageException($"{ChainIdVariable}='{text}' is not a chain id");
    }
}

/// <summary>The global settings of one run.</summary>
/// <param name="RpcUrl">The chain's JSON-RPC endpoint.</param>
/// <param name="RegistryContract">The BrokerRegistry address (EIP-55), or null.</param>
/// <param name="ChainId">The expected chain id, or null to take the node's.</param>
/// <param name="StateDirectory">The state folder.</param>
/// <param name="Json">True to print one JSON document.</param>
public sealed record GlobalSettings(Uri RpcUrl, string? RegistryContract, long? ChainId, string StateDirectory, bool Json);
