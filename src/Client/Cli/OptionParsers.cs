using System.CommandLine;
using System.CommandLine.Parsing;
using BlockhostBroker.Client.Tunnel;
using BlockhostBroker.Protocol.Payloads;

namespace BlockhostBroker.Client.Cli;

/// <summary>Option factories whose values are checked while parsing, so bad input ends in usage and exit 2.</summary>
public static class OptionParsers
{
    /// <summary>An Ethereum address option, returned in EIP-55 form.</summary>
    public static Option<string?> Address(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "ADDR",
        CustomParser = ParseAddress,
    };

    /// <summary>A WireGuard interface name option defaulting to <see cref="InterfaceName.Default"/>.</summary>
    public static Option<string> Interface() => new("--wg-interface")
    {
        Description = "WireGuard interface name",
        HelpName = "NAME",
        DefaultValueFactory = _ => InterfaceName.Default,
        CustomParser = ParseInterface,
    };

    /// <summary>An integer option that must lie within [min, max].</summary>
    public static Option<int> Bounded(string name, string description, string helpName, int defaultValue, int min, int max)
    {
        var option = new Option<int>(name) { Description = description, HelpName = helpName, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
                result.AddError($"{name} must be between {min} and {max}, got {value}");
        });
        return option;
    }

    /// <summary>Parses --rpc-url: an absolute http or https URL.</summary>
    public static Uri? RpcUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (TryParseRpcUrl(text, out var url))
            return url;
        result.AddError($"--rpc-url: '{text}' is not an http(s) URL");
        return null;
    }

    /// <summary>True when the text is an absolute http or https URL.</summary>
    public static bool TryParseRpcUrl(string text, out Uri url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url!) && url.Scheme is "http" or "https";

    private static string? ParseAddress(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (EthereumAddressText.TryNormalize(text, out var checksummed, out var error))
            return checksummed;
        var name = (result.Parent as OptionResult)?.Option.Name ?? "address";
        result.AddError(error == PayloadError.BadAddressChecksum
            ? $"{name}: '{text}' has a bad EIP-55 checksum"
            : $"{name}: '{text}' is not an address (0x and 40 hex digits, not zero)");
        return null;
    }

    private static string ParseInterface(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (!InterfaceName.IsValid(text))
            result.AddError($"--wg-interface: '{text}' is not a valid interface name (1-15 of letters, digits, _=+.-)");
        return text;
    }
}
