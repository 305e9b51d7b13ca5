using BlockhostBroker.Grains.Requests;

namespace BlockhostBroker.Grains.Tests.Requests;

public sealed class RequestMachineTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly byte[] Envelope = [1, 2, 3];

    [Fact]
    public void ApprovalPath_EachTransitionInOrder_EndsConfirmedWithOneHistoryEntryPerStep()
    {
        var state = RequestMachine.Seen(new RequestState(), RequestBuilder.Seen(7), Now);
        state = RequestMachine.Decrypted(state, "wg-key", "04ab", Now);
        state = RequestMachine.Verified(state, Now);
        state = RequestMachine.Allocated(state, "2001:db8::100/120", Now);
        state = RequestMachine.PeerApplied(state, Now);
        state = RequestMachine.ResponseBuilt(state, Envelope, Now);
        state = RequestMachine.Submitted(state, "0xabc", 4, Now);
        state = RequestMachine.Confirmed(state, "mined", Now);

        Assert.Equal(RequestStatus.Confirmed, state.Status);
        Assert.True(state.Approved);
        Assert.Equal(Envelope, state.ResponsePayload);
        Assert.Equal(("0xabc", 4L), (state.TxHash, state.Nonce));
        Assert.Equal(
            [RequestStatus.Seen, RequestStatus.Decrypted, RequestStatus.Verified, RequestStatus.Allocated, RequestStatus.PeerApplied,
             RequestStatus.ResponseBuilt, RequestStatus.Submitted, RequestStatus.Confirmed],
            state.History.Select(h => h.Status));
    }

    [Fact]
    public void ResponseBuilt_AfterRejection_IsARejectionWithEmptyPayloadAndKeepsTheReason()
    {
        var state = RequestMachine.Rejected(StateAt(RequestStatus.Decrypted), RejectionReasons.NftNoCode, Now);

        state = RequestMachine.ResponseBuilt(state, [], Now);

        Assert.False(state.Approved);
        Assert.Empty(state.ResponsePayload!);
        Assert.Equal(RejectionReasons.NftNoCode, state.RejectionReason);
    }

    [Fact]
    public void ResponseBuilt_RejectionWithPayload_Throws()
    {
        var rejected = RequestMachine.Rejected(StateAt(RequestStatus.Seen), "payload: not decryptable", Now);

        Assert.Throws<ArgumentException>(() => RequestMachine.ResponseBuilt(rejected, Envelope, Now));
    }

    [Theory]
    [InlineData(RequestStatus.Seen)]
    [InlineData(RequestStatus.Decrypted)]
    [InlineData(RequestStatus.Confirmed)]
    public void Allocated_FromAnyStatusButVerified_ThrowsNamingBothStatuses(RequestStatus from)
    {
        var error = Assert.Throws<InvalidRequestTransitionException>(() => RequestMachine.Allocated(StateAt(from), "2001:db8::100/120", Now));

        Assert.Equal((from, RequestStatus.Allocated), (error.From, error.To));
    }

    [Theory]
    [InlineData(RequestStatus.Allocated)]
    [InlineData(RequestStatus.PeerApplied)]
    [InlineData(RequestStatus.Submitted)]
    public void Rejected_AfterAllocation_Throws(RequestStatus from) =>
        Assert.Throws<InvalidRequestTransitionException>(() => RequestMachine.Rejected(StateAt(from), RejectionReasons.PoolExhausted, Now));

    [Fact]
    public void Seen_OnStartedRequest_Throws() =>
        Assert.Throws<InvalidRequestTransitionException>(() => RequestMachine.Seen(StateAt(RequestStatus.Seen), RequestBuilder.Seen(1), Now));

    [Theory]
    [InlineData(RequestStatus.None)]
    [InlineData(RequestStatus.Confirmed)]
    [InlineData(RequestStatus.Expired)]
    public void Expired_FromNoneOrFinal_Throws(RequestStatus from) =>
        Assert.Throws<InvalidRequestTransitionException>(() => RequestMachine.Expired(StateAt(from), "late", Now));

    [Theory]
    [InlineData(RequestStatus.Seen)]
    [InlineData(RequestStatus.Rejected)]
    [InlineData(RequestStatus.PeerApplied)]
    [InlineData(RequestStatus.Submitted)]
    public void Confirmed_FromAnyStartedUnfinishedStatus_IsAllowed(RequestStatus from) =>
        Assert.Equal(RequestStatus.Confirmed, RequestMachine.Confirmed(StateAt(from), "answered already", Now).Status);

    [Fact]
    public void Submitted_AgainWithReplacementHash_KeepsStatusAndTakesNewHash()
    {
        var state = RequestMachine.Submitted(StateAt(RequestStatus.Submitted), "0xnew", 9, Now);

        Assert.Equal((RequestStatus.Submitted, "0xnew", 9L), (state.Status, state.TxHash, state.Nonce));
    }

    [Fact]
    public void Resubmit_AfterFailedTransaction_ReturnsToResponseBuiltWithNextAttemptAndSamePayload()
    {
        var submitted = StateAt(RequestStatus.Submitted) with { ResponsePayload = Envelope, SubmitAttempt = 2, TxHash = "0x1" };

        var state = RequestMachine.Resubmit(submitted, "reverted", Now);

        Assert.Equal((RequestStatus.ResponseBuilt, 3, (string?)null), (state.Status, state.SubmitAttempt, state.TxHash));
        Assert.Same(Envelope, state.ResponsePayload);
    }

    [Theory]
    [InlineData(RequestStatus.Seen, false, false)]
    [InlineData(RequestStatus.Verified, false, true)]
    [InlineData(RequestStatus.PeerApplied, false, true)]
    [InlineData(RequestStatus.Submitted, true, true)]
    [InlineData(RequestStatus.Submitted, false, false)]
    [InlineData(RequestStatus.Rejected, false, false)]
    public void MayHoldAllocation_DependsOnStatusAndApproval(RequestStatus status, bool approved, bool expected) =>
        Assert.Equal(expected, RequestMachine.MayHoldAllocation(StateAt(status) with { Approved = approved }));

    [Fact]
    public void ToSnapshot_CarriesRequestFieldsAndHistory()
    {
        var state = RequestMachine.Seen(new RequestState(), RequestBuilder.Seen(12), Now);

        var snapshot = RequestMachine.ToSnapshot(state, 12);

        Assert.Equal((12L, RequestStatus.Seen, RequestBuilder.Requester), (snapshot.RequestId, snapshot.Status, snapshot.Requester));
        Assert.Equal(Now, Assert.Single(snapshot.History).At);
    }

    private static RequestState StateAt(RequestStatus status) => new() { Status = status, Request = RequestBuilder.Seen(1) };
}
