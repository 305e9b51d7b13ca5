using System.Net;
using BlockhostBroker.Grains.Chain;
using BlockhostBroker.Grains.Faults;
using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Grains.WireGuard;
using BlockhostBroker.Protocol.Keys;
using WireGuardPublicKey = BlockhostBroker.Protocol.Keys.WireGuardKey;
using BlockhostBroker.Protocol.Payloads;

namespace BlockhostBroker.Grains.Requests;

/// <summary>The wallet could not send the response now and the request is still answerable; the step is retried.</summary>
public sealed class ResponseNotSentException(string message) : InvalidOperationException(message);

// One method per transition. Each checks the status it starts from, does its work, and writes the outcome; a
// returned delay means "wait, then run again", null means "moved on".
public sealed partial class RequestGrain
{
    private static readonly TimeSpan MinDeferral = TimeSpan.FromSeconds(1);

    private IPrefixPoolGrain Pool => GrainFactory.GetGrain<IPrefixPoolGrain>(PrefixPoolGrain.SingletonKey);

    private IWireGuardGrain Gateway => GrainFactory.GetGrain<IWireGuardGrain>(_options.WireGuardInterface);

    private SeenRequest Request => State.Request ?? throw new InvalidRequestTransitionException(State.Status, State.Status);

    private string IntentKey => $"response:{_key}:{State.SubmitAttempt}";

    // Seen → Decrypted, or Rejected with the payload's reason; answered or expired requests settle first.
    private async Task<TimeSpan?> Decrypt()
    {
        Expect(RequestStatus.Decrypted, RequestStatus.Seen);
        if (await Settled())
            return null;
        var opened = PayloadOpener.OpenRequest(eciesKey, Request.EncryptedPayload);
        if (!opened.IsSuccess)
            await Write(RequestMachine.Rejected(State, opened.Reason, clock.GetUtcNow()));
        else if (!opened.Value.IsFor(Request.NftContract))
            await Write(RequestMachine.Rejected(State, RejectionReasons.NftContractMismatch, clock.GetUtcNow()));
        else
        {
            await Write(RequestMachine.Decrypted(State, opened.Value.WgPubkey.ToBase64(), opened.Value.ServerPubkey.ToHex(), clock.GetUtcNow()));
            FaultInjection.Reach(FaultPoint.AfterDecrypt);
        }
        return null;
    }

    // Decrypted → Verified, or Rejected when the NFT contract has no code, is no ERC721 or is not the requester's.
    private async Task<TimeSpan?> Verify()
    {
        Expect(RequestStatus.Verified, RequestStatus.Decrypted);
        var verdict = await chain.VerifyNftAsync(Request.NftContract, Request.Requester);
        await Write(verdict.RejectionReason is { } reason
            ? RequestMachine.Rejected(State, reason, clock.GetUtcNow())
            : RequestMachine.Verified(State, clock.GetUtcNow()));
        if (State.Status == RequestStatus.Verified)
            FaultInjection.Reach(FaultPoint.AfterVerify);
        return null;
    }

    // Verified → Allocated, or Rejected when the pool is full or the key is another contract's.
    private async Task<TimeSpan?> Allocate()
    {
        Expect(RequestStatus.Allocated, RequestStatus.Verified);
        var result = await Pool.Allocate(Request.NftContract, State.WgPubkey!);
        var now = clock.GetUtcNow();
        await Write(result switch
        {
            AllocationResult.Allocated a => RequestMachine.Allocated(State, a.Allocation.Prefix, now),
            AllocationResult.Exhausted => RequestMachine.Rejected(State, RejectionReasons.PoolExhausted, now),
            AllocationResult.KeyInUse => RequestMachine.Rejected(State, RejectionReasons.PoolKeyInUse, now),
            _ => throw new InvalidOperationException($"unknown allocation result {result}"),
        });
        if (State.Status == RequestStatus.Allocated)
            FaultInjection.Reach(FaultPoint.AfterAllocate);
        return null;
    }

    // Allocated → PeerApplied.
    private async Task<TimeSpan?> ApplyPeer()
    {
        Expect(RequestStatus.PeerApplied, RequestStatus.Allocated);
        await Gateway.ApplyPeer(State.WgPubkey!, State.Prefix!);
        FaultInjection.Reach(FaultPoint.BeforePeerRecorded);
        await Write(RequestMachine.PeerApplied(State, clock.GetUtcNow()));
        FaultInjection.Reach(FaultPoint.AfterPeerApplied);
        return null;
    }

    // PeerApplied → ResponseBuilt with the approval encrypted to serverPubkey; Rejected → ResponseBuilt with no payload.
    private async Task<TimeSpan?> BuildResponse()
    {
        Expect(RequestStatus.ResponseBuilt, RequestStatus.PeerApplied, RequestStatus.Rejected);
        byte[] payload = [];
        if (State.Status == RequestStatus.PeerApplied)
        {
            var gateway = await Gateway.GetGatewayInfo();
            var response = new ResponsePayload(
                IPNetwork.Parse(State.Prefix!), IPAddress.Parse(gateway.GatewayAddress),
                WireGuardPublicKey.Parse(gateway.PublicKey), BrokerEndpoint.Parse(gateway.PublicEndpoint));
            payload = PayloadSealer.SealResponse(response, Secp256k1PublicKey.Parse(State.ServerPubkey!));
        }
        await Write(RequestMachine.ResponseBuilt(State, payload, clock.GetUtcNow()));
        FaultInjection.Reach(FaultPoint.AfterResponseBuilt);
        return null;
    }

    // ResponseBuilt → Submitted, after checking the request is still open on-chain.
    private async Task<TimeSpan?> Submit()
    {
        Expect(RequestStatus.Submitted, RequestStatus.ResponseBuilt);
        if (await Settled())
            return null;
        return await Record(await Wallet.Submit(Intent()));
    }

    // Submitted → Confirmed when mined; a failed or lost transaction settles from the chain or is submitted anew.
    private async Task<TimeSpan?> CheckTransaction()
    {
        Expect(RequestStatus.Confirmed, RequestStatus.Submitted);
        var status = await Wallet.GetStatus(IntentKey);
        switch (status)
        {
            case TxStatus.Mined { Succeeded: true } mined:
                await Write(RequestMachine.Confirmed(State, $"mined in block {mined.BlockNumber}", clock.GetUtcNow()));
                return null;
            case TxStatus.Mined or TxStatus.Reverted:
                if (!await Settled())
                    await Write(RequestMachine.Resubmit(State, $"transaction failed: {status}", clock.GetUtcNow()));
                return null;
            case TxStatus.Unknown:
                // The wallet keeps every intent it accepted, so this is not expected; submitting the same key is idempotent.
                return await Record(await Wallet.Submit(Intent()));
            default:
                return await Record(status);
        }
    }

    // Writes what the wallet reported for our intent and says how long to wait.
    private async Task<TimeSpan?> Record(TxStatus status)
    {
        switch (status)
        {
            case TxStatus.Pending pending:
                if (State.Status != RequestStatus.Submitted || pending.Hash != State.TxHash)
                {
                    await Write(RequestMachine.Submitted(State, pending.Hash, pending.Nonce, clock.GetUtcNow()));
                    FaultInjection.Reach(FaultPoint.AfterSubmitted);
                }
                return _options.PollInterval;
            case TxStatus.Mined mined:
                await Write(RequestMachine.Submitted(State, mined.Hash, mined.Nonce, clock.GetUtcNow()));
                return null;
            case TxStatus.Deferred deferred:
                var wait = deferred.RetryAfter - clock.GetUtcNow();
                return wait > MinDeferral ? wait : MinDeferral;
            case TxStatus.Reverted reverted:
                if (await Settled())
                    return null;
                throw new ResponseNotSentException($"the response reverts ({reverted.Reason}) while the request is open");
            default:
                throw new ResponseNotSentException($"the wallet answered {status} for {IntentKey}");
        }
    }

    // Reads the request on-chain: answered → Confirmed (never a second answer), expired → Expired; true when final.
    private async Task<bool> Settled()
    {
        var verdict = await chain.ReadAsync(_options.RequestsContract, _key.RequestId);
        switch (verdict.Standing)
        {
            case OnChainStanding.Answered:
                await Write(RequestMachine.Confirmed(State, $"answered already: {verdict.Note}", clock.GetUtcNow()));
                return true;
            case OnChainStanding.Expired:
                await Expire(verdict.Note);
                return true;
            default:
                if (State.SubmittedAt != verdict.SubmittedAt)
                    await Write(State with { SubmittedAt = verdict.SubmittedAt });
                return false;
        }
    }

    // Any unfinished status → Expired; an allocation this request holds is released and its peer removed first,
    // so a crash in between repeats the cleanup.
    private async Task Expire(string note)
    {
        if (RequestMachine.MayHoldAllocation(State) && State.WgPubkey is { } wgPubkey)
        {
            var held = await Pool.Get(Request.NftContract);
            // Another request may since hold the contract with another key; its allocation is not ours to free.
            if (held is null || held.WgPubkey == wgPubkey)
            {
                if (held is not null)
                    await Pool.Release(Request.NftContract);
                await Gateway.RemovePeer(wgPubkey);
            }
        }
        await Write(RequestMachine.Expired(State, note, clock.GetUtcNow()));
    }

    private TxIntent Intent() => new(
        IntentKey,
        _options.RequestsContract,
        RequestChainReader.SubmitResponseCalldata(_key.RequestId, State.Approved, State.ResponsePayload ?? [], State.RejectionReason),
        State.Approved ? TxPurpose.Approval : TxPurpose.Rejection,
        Request.Requester);

    // Each step checks where the request stands before doing any work for the transition to `to`.
    private void Expect(RequestStatus to, params ReadOnlySpan<RequestStatus> from)
    {
        if (!from.Contains(State.Status))
            throw new InvalidRequestTransitionException(State.Status, to);
    }
}
