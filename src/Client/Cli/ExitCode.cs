namespace BlockhostBroker.Client.Cli;

/// <summary>The documented process exit codes of broker-client (see src/Client/README.md); numbers never change meaning.</summary>
public enum ExitCode
{
    /// <summary>The command did what was asked.</summary>
    Success = 0,

    /// <summary>Something failed that the other codes do not name: an external tool, a file, an unexpected answer.</summary>
    Failure = 1,

    /// <summary>Bad arguments or bad input files; usage is printed to stderr.</summary>
    Usage = 2,

    /// <summary>No active broker matches the request (none registered, none in the region, none with free capacity, unknown id).</summary>
    NoActiveBroker = 3,

    /// <summary>The broker asked for by id is registered but not active.</summary>
    BrokerInactive = 4,

    /// <summary>The wallet is not the owner() of the NFT contract, or the contract has no owner().</summary>
    NotNftOwner = 5,

    /// <summary>A transaction reverted (or would revert); the decoded reason is printed.</summary>
    Reverted = 6,

    /// <summary>The broker answered with a rejection; its reason is printed.</summary>
    Rejected = 7,

    /// <summary>No answer came before --timeout; the request id is printed, check later with `status` or run `request` again to resume.</summary>
    TimedOut = 8,

    /// <summary>The command needs a saved allocation and there is none.</summary>
    NoAllocation = 9,

    /// <summary>The broker's answer could not be decrypted or failed validation (prefix length, gateway, endpoint, key).</summary>
    InvalidResponse = 10,

    /// <summary>The RPC endpoint could not be reached, or it serves a different chain than --chain-id.</summary>
    ChainUnavailable = 11,

    /// <summary>The request expired on-chain without an answer; ask again with `request --force`.</summary>
    RequestExpired = 12,

    /// <summary>Interrupted (SIGINT/SIGTERM); a submitted request stays pending and `request` resumes it (128 + SIGINT, as shells report it).</summary>
    Interrupted = 130,
}
