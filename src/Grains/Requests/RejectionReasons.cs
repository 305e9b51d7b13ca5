using BlockhostBroker.Protocol.Payloads;

namespace BlockhostBroker.Grains.Requests;

/// <summary>
/// Short, readable on-chain rejection reasons the broker's checks produce (each at most <see cref="MaxLength"/>
/// characters, so a reason fits one storage word). Payload reasons come from <see cref="PayloadReasons"/>.
/// Never change a published text: clients and explorers match on them.
/// </summary>
public static class RejectionReasons
{
    /// <summary>The longest reason the broker writes on-chain.</summary>
    public const int MaxLength = 32;

    /// <summary>The payload names another NFT contract than the request was submitted for.</summary>
    public const string NftContractMismatch = PayloadReasons.NftContractMismatch;

    /// <summary>There is no code at the NFT contract's address.</summary>
    public const string NftNoCode = "nft: no code";

    /// <summary>The NFT contract does not report ERC721 through ERC165.</summary>
    public const string NftNotErc721 = "nft: not ERC721";

    /// <summary>The NFT contract's owner() is not the requester.</summary>
    public const string NftOwnerMismatch = "nft: owner mismatch";

    /// <summary>Every prefix of the upstream range is allocated.</summary>
    public const string PoolExhausted = "pool: exhausted";

    /// <summary>Another NFT contract's allocation already uses the requested WireGuard key.</summary>
    public const string PoolKeyInUse = "pool: wgPubkey in use";

    /// <summary>Every reason defined here, for checks and documentation.</summary>
    public static IReadOnlyList<string> All { get; } =
        [NftContractMismatch, NftNoCode, NftNotErc721, NftOwnerMismatch, PoolExhausted, PoolKeyInUse];
}
