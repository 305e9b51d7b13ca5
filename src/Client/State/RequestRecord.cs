namespace BlockhostBroker.Client.State;

/// <summary>What was asked on-chain (request.json): enough to resume waiting for the answer after a timeout or a restart.</summary>
/// <param name="ChainId">The chain the request lives on.</param>
/// <param name="RequestsContract">The broker's BrokerRequests contract (EIP-55).</param>
/// <param name="BrokerId">The broker's registry id, or null when the request used the direct form.</param>
/// <param name="BrokerPubkey">The broker's ECIES key the payload was encrypted to (hex, 65 bytes uncompressed).</param>
/// <param name="NftContract">The NFT contract the request is for (EIP-55).</param>
/// <param name="Wallet">The wallet that submitted it (EIP-55).</param>
/// <param name="RequestId">The on-chain request id.</param>
/// <param name="TransactionHash">The submitRequest transaction.</param>
/// <param name="SubmittedBlock">The block that included it; log reads start here.</param>
/// <param name="SubmittedAt">When the client saw it included.</param>
/// <param name="WgPubkey">The WireGuard public key sent (base64).</param>
/// <param name="ServerPubkey">The ECIES public key sent (hex), to which the broker encrypts its answer.</param>
public sealed record RequestRecord(
    long ChainId,
    string RequestsContract,
    ulong? BrokerId,
    string BrokerPubkey,
    string NftContract,
    string Wallet,
    ulong RequestId,
    string TransactionHash,
    ulong SubmittedBlock,
    DateTimeOffset SubmittedAt,
    string WgPubkey,
    string ServerPubkey);
