namespace BlockhostBroker.Client.Cli;

/// <summary>
/// An error a person can act on: it carries the exit code, a message saying what happened, an optional hint saying
/// what to do, and details for `--json`. Every failure the client reports is one of the subclasses.
/// </summary>
public abstract class ClientException : Exception
{
    /// <summary>Creates the error with its exit code, message and optional hint.</summary>
    protected ClientException(ExitCode exitCode, string message, string? hint = null, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
        Hint = hint;
    }

    /// <summary>The process exit code this error ends with.</summary>
    public ExitCode ExitCode { get; }

    /// <summary>What the person can do about it, or null.</summary>
    public string? Hint { get; }

    /// <summary>Extra facts for the JSON document (request id, revert reason, ...).</summary>
    public virtual IReadOnlyDictionary<string, object?> Details => new Dictionary<string, object?>();
}

/// <summary>Bad arguments or a bad input file (wallet key, state file edited by hand).</summary>
public sealed class UsageException(string message, string? hint = null, Exception? inner = null)
    : ClientException(ExitCode.Usage, message, hint, inner);

/// <summary>A failure none of the other types names: an external tool failed, a file could not be written.</summary>
public sealed class ClientFailureException(string message, string? hint = null, Exception? inner = null)
    : ClientException(ExitCode.Failure, message, hint, inner);

/// <summary>No active broker matches what was asked.</summary>
public sealed class NoActiveBrokerException(string message, string? hint = null)
    : ClientException(ExitCode.NoActiveBroker, message, hint);

/// <summary>The broker named by id is registered but inactive.</summary>
public sealed class BrokerInactiveException(ulong brokerId)
    : ClientException(ExitCode.BrokerInactive, $"broker #{brokerId} is not active",
        "pick another broker (`broker-client list-brokers`) or ask its operator")
{
    /// <summary>The inactive broker's id.</summary>
    public ulong BrokerId { get; } = brokerId;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> Details => new Dictionary<string, object?> { ["brokerId"] = BrokerId };
}

/// <summary>The wallet does not own the NFT contract, so the contract would refuse the request.</summary>
public sealed class NotNftOwnerException(string nftContract, string wallet, string? owner, string message)
    : ClientException(ExitCode.NotNftOwner, message,
        "use the wallet key of the NFT contract's owner (--wallet-key), or check --nft-contract")
{
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> Details => new Dictionary<string, object?>
    {
        ["nftContract"] = nftContract,
        ["wallet"] = wallet,
        ["owner"] = owner,
    };
}

/// <summary>A transaction reverted, or its simulation did; carries the decoded revert reason.</summary>
public sealed class RevertedException(string action, string reason, Exception? inner = null)
    : ClientException(ExitCode.Reverted, $"{action} reverted: {reason}", RevertHints.For(reason), inner)
{
    /// <summary>The decoded revert reason.</summary>
    public string Reason { get; } = reason;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> Details => new Dictionary<string, object?> { ["reason"] = Reason };
}

/// <summary>The broker rejected the request.</summary>
public sealed class RejectedException(ulong requestId, string reason)
    : ClientException(ExitCode.Rejected, $"request #{requestId} was rejected by the broker: {reason}",
        "the NFT contract keeps this request on-chain until the broker releases it; contact the broker's operator before asking again")
{
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> Details => new Dictionary<string, object?>
    {
        ["requestId"] = requestId,
        ["reason"] = reason,
    };
}

/// <summary>No answer arrived in time; the request stays pending on-chain.</summary>
public sealed class TimedOutException(ulong requestId, TimeSpan waited)
    : ClientException(ExitCode.TimedOut, $"no answer to request #{requestId} after {waited.TotalSeconds:0} s",
        $"check later with `broker-client status`; `broker-client request` resumes waiting for request #{requestId}")
{
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> Details => new Dictionary<string, object?> { ["requestId"] = requestId };
}

/// <summary>The request expired on-chain without an answer.</summary>
public sealed class RequestExpiredException(ulong requestId)
    : ClientException(ExitCode.RequestExpired, $"request #{requestId} expired on-chain without an answer",
        "ask again with `broker-client request --force`")
{
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> Details => new Dictionary<string, object?> { ["requestId"] = requestId };
}

/// <summary>There is no saved allocation for a command that needs one.</summary>
public sealed class NoAllocationException(string stateDirectory)
    : ClientException(ExitCode.NoAllocation, $"no allocation saved in {stateDirectory}",
        "run `broker-client request` first, or pass the --state-dir it used");

/// <summary>The broker's answer does not decrypt or does not pass validation.</summary>
public sealed class InvalidResponseException(ulong requestId, string reason, string detail)
    : ClientException(ExitCode.InvalidResponse, $"the answer to request #{requestId} is unusable: {reason} ({detail})",
        "report this to the broker's operator; nothing was saved")
{
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> Details => new Dictionary<string, object?>
    {
        ["requestId"] = requestId,
        ["reason"] = reason,
    };
}

/// <summary>The RPC endpoint is unreachable, or serves another chain.</summary>
public sealed class ChainUnavailableException(string message, Exception? inner = null)
    : ClientException(ExitCode.ChainUnavailable, message, "check --rpc-url and --chain-id", inner);

/// <summary>The run was interrupted by a signal.</summary>
public sealed class InterruptedException(string? hint = null)
    : ClientException(ExitCode.Interrupted, "interrupted", hint);

/// <summary>Hints for the revert reasons of the V1 contracts that a requester can meet.</summary>
internal static class RevertHints
{
    /// <summary>The hint for a revert reason, or null when there is nothing specific to say.</summary>
    public static string? For(string reason) => reason switch
    {
        "NFT contract already has a request" =>
            "the broker still holds a request for this NFT contract; `broker-client status` shows it, and only the broker can release it",
        "Sender does not own NFT contract" => "use the wallet key of the NFT contract's owner (--wallet-key)",
        "Not an ERC721 contract" => "--nft-contract must be an ERC721 contract",
        "NFT contract does not exist" => "--nft-contract has no code on this chain; check the address and --rpc-url",
        _ => null,
    };
}
