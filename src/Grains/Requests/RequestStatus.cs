namespace BlockhostBroker.Grains.Requests;

/// <summary>The request workflow's states, in order; the numbers are persisted and never renumbered.</summary>
public enum RequestStatus
{
    /// <summary>No state yet: the grain has not been told about the request.</summary>
    None = 0,
    /// <summary>The RequestSubmitted log (or the pending list) was read; the payload is stored.</summary>
    Seen = 1,
    /// <summary>The payload decrypted and parsed.</summary>
    Decrypted = 2,
    /// <summary>The request will be rejected with the stored reason.</summary>
    Rejected = 3,
    /// <summary>The requester owns the NFT contract, which is an ERC721.</summary>
    Verified = 4,
    /// <summary>A prefix is allocated to the NFT contract.</summary>
    Allocated = 5,
    /// <summary>The WireGuard peer for the prefix is on the interface.</summary>
    PeerApplied = 6,
    /// <summary>The encrypted response (or the rejection) is built and stored; every retry sends these bytes.</summary>
    ResponseBuilt = 7,
    /// <summary>The response transaction is with the operator's wallet.</summary>
    Submitted = 8,
    /// <summary>Final: the response is mined and the request is answered on-chain.</summary>
    Confirmed = 9,
    /// <summary>Final: the request expired before it was answered.</summary>
    Expired = 10,
}

/// <summary>Small rules about the status enum.</summary>
public static class RequestStatusRules
{
    /// <summary>True for the states a request never leaves.</summary>
    public static bool IsFinal(this RequestStatus status) =>
        status is RequestStatus.Confirmed or RequestStatus.Expired;
}
