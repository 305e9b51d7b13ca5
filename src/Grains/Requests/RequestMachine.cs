namespace BlockhostBroker.Grains.Requests;

/// <summary>A transition was asked for from a status that does not allow it.</summary>
public sealed class InvalidRequestTransitionException(RequestStatus from, RequestStatus to)
    : InvalidOperationException($"a request in status {from} cannot move to {to}")
{
    /// <summary>The status the request was in.</summary>
    public RequestStatus From { get; } = from;

    /// <summary>The status that was asked for.</summary>
    public RequestStatus To { get; } = to;
}

/// <summary>
/// The request workflow's transitions as pure functions: each checks the current status, returns the next state
/// with a history entry, and never performs I/O. The grain does the work, then writes what a transition returns.
/// </summary>
public static class RequestMachine
{
    /// <summary>None → Seen: stores the request as read from the chain.</summary>
    public static RequestState Seen(RequestState state, SeenRequest request, DateTimeOffset now)
    {
        Require(state, RequestStatus.Seen, RequestStatus.None);
        return Move(state with { Request = request, SubmittedAt = request.SubmittedAt }, RequestStatus.Seen, now, null);
    }

    /// <summary>Seen → Decrypted: the payload opened and parsed.</summary>
    public static RequestState Decrypted(RequestState state, string wgPubkey, string serverPubkey, DateTimeOffset now)
    {
        Require(state, RequestStatus.Decrypted, RequestStatus.Seen);
        return Move(state with { WgPubkey = wgPubkey, ServerPubkey = serverPubkey }, RequestStatus.Decrypted, now, null);
    }

    /// <summary>Seen, Decrypted or Verified → Rejected with a short on-chain reason.</summary>
    public static RequestState Rejected(RequestState state, string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Require(state, RequestStatus.Rejected, RequestStatus.Seen, RequestStatus.Decrypted, RequestStatus.Verified);
        return Move(state with { RejectionReason = reason }, RequestStatus.Rejected, now, reason);
    }

    /// <summary>Decrypted → Verified: the requester owns the NFT contract, an ERC721.</summary>
    public static RequestState Verified(RequestState state, DateTimeOffset now)
    {
        Require(state, RequestStatus.Verified, RequestStatus.Decrypted);
        return Move(state, RequestStatus.Verified, now, null);
    }

    /// <summary>Verified → Allocated: the pool gave the NFT contract this prefix.</summary>
    public static RequestState Allocated(RequestState state, string prefix, DateTimeOffset now)
    {
        Require(state, RequestStatus.Allocated, RequestStatus.Verified);
        return Move(state with { Prefix = prefix }, RequestStatus.Allocated, now, prefix);
    }

    /// <summary>Allocated → PeerApplied: the WireGuard peer for the prefix is on the interface.</summary>
    public static RequestState PeerApplied(RequestState state, DateTimeOffset now)
    {
        Require(state, RequestStatus.PeerApplied, RequestStatus.Allocated);
        return Move(state, RequestStatus.PeerApplied, now, null);
    }

    /// <summary>PeerApplied → ResponseBuilt with the encrypted approval, or Rejected → ResponseBuilt with an empty payload.</summary>
    public static RequestState ResponseBuilt(RequestState state, byte[] encryptedResponse, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(encryptedResponse);
        Require(state, RequestStatus.ResponseBuilt, RequestStatus.PeerApplied, RequestStatus.Rejected);
        var approved = state.Status == RequestStatus.PeerApplied;
        if (approved == (encryptedResponse.Length == 0))
            throw new ArgumentException("an approval carries a payload and a rejection none", nameof(encryptedResponse));
        return Move(state with { Approved = approved, ResponsePayload = encryptedResponse },
            RequestStatus.ResponseBuilt, now, approved ? "approved" : "rejected");
    }

    /// <summary>ResponseBuilt → Submitted, or Submitted → Submitted when the wallet replaced the transaction.</summary>
    public static RequestState Submitted(RequestState state, string txHash, long nonce, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(txHash);
        Require(state, RequestStatus.Submitted, RequestStatus.ResponseBuilt, RequestStatus.Submitted);
        return Move(state with { TxHash = txHash, Nonce = nonce }, RequestStatus.Submitted, now, $"nonce {nonce} tx {txHash}");
    }

    /// <summary>Submitted → ResponseBuilt: the transaction failed while the request is still answerable; the next attempt gets a new intent key.</summary>
    public static RequestState Resubmit(RequestState state, string why, DateTimeOffset now)
    {
        Require(state, RequestStatus.ResponseBuilt, RequestStatus.Submitted);
        return Move(state with { SubmitAttempt = state.SubmitAttempt + 1, TxHash = null, Nonce = null },
            RequestStatus.ResponseBuilt, now, why);
    }

    /// <summary>Any started, unfinished status → Confirmed: our response is mined, or the request was answered already.</summary>
    public static RequestState Confirmed(RequestState state, string note, DateTimeOffset now)
    {
        RequireStartedNotFinal(state, RequestStatus.Confirmed);
        return Move(state, RequestStatus.Confirmed, now, note);
    }

    /// <summary>Any started, unfinished status → Expired: the request can no longer be answered.</summary>
    public static RequestState Expired(RequestState state, string note, DateTimeOffset now)
    {
        RequireStartedNotFinal(state, RequestStatus.Expired);
        return Move(state, RequestStatus.Expired, now, note);
    }

    /// <summary>True when a prefix may be held for this request, so expiry must release it and remove the peer.</summary>
    public static bool MayHoldAllocation(RequestState state) => state.Status switch
    {
        RequestStatus.Verified or RequestStatus.Allocated or RequestStatus.PeerApplied => true,
        RequestStatus.ResponseBuilt or RequestStatus.Submitted => state.Approved,
        _ => false,
    };

    /// <summary>The state as the admin CLI and status API show it, with the failure the current step is retrying after, if any.</summary>
    public static RequestSnapshot ToSnapshot(RequestState state, long requestId, string? lastError = null) => new(
        requestId, state.Status, state.Request?.Requester, state.Request?.NftContract, state.Prefix,
        state.RejectionReason, state.TxHash, state.Nonce, state.History, lastError);

    private static void Require(RequestState state, RequestStatus to, params ReadOnlySpan<RequestStatus> allowed)
    {
        if (!allowed.Contains(state.Status))
            throw new InvalidRequestTransitionException(state.Status, to);
    }

    private static void RequireStartedNotFinal(RequestState state, RequestStatus to)
    {
        if (state.Status == RequestStatus.None || state.Status.IsFinal())
            throw new InvalidRequestTransitionException(state.Status, to);
    }

    private static RequestState Move(RequestState state, RequestStatus to, DateTimeOffset now, string? note) =>
        state with { Status = to, History = [.. state.History, new RequestHistoryEntry(to, now, note)] };
}
