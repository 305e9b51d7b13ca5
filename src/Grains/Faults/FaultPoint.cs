namespace BlockhostBroker.Grains.Faults;

/// <summary>
/// Places in the request workflow and the operator wallet where <see cref="FaultInjection"/> can kill the process,
/// each right after (or right before) a durable write, so a test can crash the broker at a chosen step.
/// </summary>
[Flags]
public enum FaultPoint
{
    /// <summary>No point is armed.</summary>
    None = 0,
    /// <summary>"after-decrypt": the request's Decrypted state is written.</summary>
    AfterDecrypt = 1 << 0,
    /// <summary>"after-verify": the NFT ownership check's Verified state is written.</summary>
    AfterVerify = 1 << 1,
    /// <summary>"after-allocate": the Allocated state (the prefix) is written.</summary>
    AfterAllocate = 1 << 2,
    /// <summary>"before-peer-recorded": the peer is on the interface but the request still says Allocated.</summary>
    BeforePeerRecorded = 1 << 3,
    /// <summary>"after-peer-applied": the PeerApplied state is written.</summary>
    AfterPeerApplied = 1 << 4,
    /// <summary>"after-response-built": the encrypted response is written.</summary>
    AfterResponseBuilt = 1 << 5,
    /// <summary>"before-broadcast": the wallet stored the signed transaction but has not sent it.</summary>
    BeforeBroadcast = 1 << 6,
    /// <summary>"after-broadcast": eth_sendRawTransaction returned; the request has not recorded Submitted.</summary>
    AfterBroadcast = 1 << 7,
    /// <summary>"after-submitted": the request's Submitted state (hash and nonce) is written.</summary>
    AfterSubmitted = 1 << 8,
    /// <summary>"before-receipt": the wallet saw the response's receipt but has not recorded it.</summary>
    BeforeReceipt = 1 << 9,
}
