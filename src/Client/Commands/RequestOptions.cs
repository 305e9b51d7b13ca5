using System.CommandLine;
using System.CommandLine.Parsing;
using BlockhostBroker.Client.Cli;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Payloads;

namespace BlockhostBroker.Client.Commands;

/// <summary>The options of `request` (the original client's names, plus --force and --prefix-length) and their cross-checks.</summary>
public sealed class RequestOptions
{
    /// <summary>Seconds to wait for the broker's answer by default.</summary>
    public const int DefaultTimeoutSeconds = 300;

    /// <summary>Milliseconds between log reads by default.</summary>
    public const int DefaultPollIntervalMs = 2000;

    /// <summary>The longest wait --timeout accepts (the contract's longest expiry, 7 days).</summary>
    public const int MaxTimeoutSeconds = 7 * 24 * 3600;

    /// <summary>The shortest poll interval, to spare the RPC endpoint.</summary>
    public const int MinPollIntervalMs = 100;

    /// <summary>The longest poll interval.</summary>
    public const int MaxPollIntervalMs = 600_000;

    /// <summary>--nft-contract (required).</summary>
    public Option<string?> NftContract { get; } = Required(OptionParsers.Address("--nft-contract", "the NFT contract this server's wallet owns"));

    /// <summary>--wallet-key (required).</summary>
    public Option<FileInfo> WalletKey { get; } = new("--wallet-key")
    {
        Description = "file holding the wallet's private key (hex, 0x optional); the wallet must own the NFT contract",
        HelpName = "FILE",
        Required = true,
    };

    /// <summary>--broker-id.</summary>
    public Option<ulong?> BrokerId { get; } = new("--broker-id") { Description = "use this registered broker", HelpName = "N" };

    /// <summary>--region.</summary>
    public Option<string?> Region { get; } = new("--region") { Description = "pick an active broker in this region with free capacity", HelpName = "R" };

    /// <summary>--requests-contract (direct form, with --broker-pubkey; no registry needed).</summary>
    public Option<string?> RequestsContract { get; } = OptionParsers.Address("--requests-contract", "the broker's BrokerRequests contract (direct form, with --broker-pubkey)");

    /// <summary>--broker-pubkey (direct form).</summary>
    public Option<Secp256k1PublicKey?> BrokerPubkey { get; } = new("--broker-pubkey")
    {
        Description = "the broker's ECIES key, hex of the 65-byte uncompressed secp256k1 key (direct form)",
        HelpName = "HEX",
        CustomParser = ParseBrokerKey,
    };

    /// <summary>--timeout.</summary>
    public Option<int> Timeout { get; } = OptionParsers.Bounded("--timeout", "seconds to wait for the answer", "S", DefaultTimeoutSeconds, 1, MaxTimeoutSeconds);

    /// <summary>--poll-interval.</summary>
    public Option<int> PollInterval { get; } = OptionParsers.Bounded("--poll-interval", "milliseconds between reads of the chain's logs", "MS",
        DefaultPollIntervalMs, MinPollIntervalMs, MaxPollIntervalMs);

    /// <summary>--configure-wg.</summary>
    public Option<bool> ConfigureWg { get; } = new("--configure-wg") { Description = "bring the tunnel up as soon as the answer arrives" };

    /// <summary>--wg-interface.</summary>
    public Option<string> Interface { get; } = OptionParsers.Interface();

    /// <summary>--force.</summary>
    public Option<bool> Force { get; } = new("--force") { Description = "ask anew even when an allocation or a pending request is saved" };

    /// <summary>--prefix-length.</summary>
    public Option<int> PrefixLength { get; } = OptionParsers.Bounded("--prefix-length", "prefix length the broker must allocate", "N",
        ResponseValidator.DefaultPrefixLength, 1, IpSyntax.Ipv6Bits);

    /// <summary>Adds the options and the rules between them to the command.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in (Option[])[NftContract, WalletKey, BrokerId, Region, RequestsContract, BrokerPubkey, Timeout, PollInterval,
                     ConfigureWg, Interface, Force, PrefixLength])
            command.Options.Add(option);
        command.Validators.Add(CheckSelection);
    }

    // A broker is chosen one way only: by id, by region, directly, or (none given) any active broker with room.
    private void CheckSelection(CommandResult result)
    {
        bool Given(Option option) => result.GetResult(option) is { Implicit: false };
        var direct = Given(RequestsContract) || Given(BrokerPubkey);
        if (Given(RequestsContract) != Given(BrokerPubkey))
            result.AddError("--requests-contract and --broker-pubkey go together (the direct form)");
        else if (Given(BrokerId) && Given(Region))
            result.AddError("--broker-id and --region cannot be combined");
        else if (direct && (Given(BrokerId) || Given(Region)))
            result.AddError("the direct form (--requests-contract, --broker-pubkey) cannot be combined with --broker-id or --region");
    }

    private static Secp256k1PublicKey? ParseBrokerKey(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Secp256k1PublicKey.TryParse(text, out var key, out var error))
            return key;
        result.AddError($"--broker-pubkey: not a 65-byte uncompressed secp256k1 key in hex ({error})");
        return null;
    }

    private static Option<T> Required<T>(Option<T> option)
    {
        option.Required = true;
        return option;
    }
}
