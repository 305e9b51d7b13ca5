using BlockhostBroker.Protocol.Rpc;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace BlockhostBroker.Protocol.Contracts;

/// <summary>
/// The two checks BrokerRequests makes on an NFT contract, done off-chain the same way: ERC165
/// <c>supportsInterface(0x80ac58cd)</c> and Ownable <c>owner()</c> (see <see cref="Ownable.OwnerFunction"/>).
/// A call that reverts or returns garbage counts as "no", as on-chain.
/// </summary>
public sealed class NftChecks(IEthereumRpc rpc)
{
    /// <summary>The ERC165 interface id of ERC721.</summary>
    public static readonly byte[] Erc721InterfaceId = [0x80, 0xac, 0x58, 0xcd];

    private const int WordLength = 32;
    private const int AddressLength = RpcValues.AddressLength;

    /// <summary><c>supportsInterface(bytes4 interfaceId) returns (bool)</c> (ERC165).</summary>
    [Function("supportsInterface", "bool")]
    public sealed class SupportsInterfaceFunction : FunctionMessage
    {
        /// <summary>The 4-byte interface id.</summary>
        [Parameter("bytes4", "interfaceId", 1)]
        public byte[] InterfaceId { get; set; } = [];
    }

    /// <summary>True when <paramref name="nftContract"/> has code and claims ERC721 through ERC165.</summary>
    public async Task<bool> SupportsErc721Async(string nftContract, CancellationToken cancellationToken = default)
    {
        var reader = new ContractReader(rpc, nftContract);
        try
        {
            return await reader.QueryAsync<SupportsInterfaceFunction, bool>(
                new SupportsInterfaceFunction { InterfaceId = Erc721InterfaceId }, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is ContractRevertException or ContractOutputException)
        {
            return false;
        }
    }

    /// <summary>
    /// The contract's <c>owner()</c> as BrokerRequests reads it: exactly one 32-byte word holding an address;
    /// null when the call reverts, returns anything else, or the contract has no code.
    /// </summary>
    public async Task<string?> GetOwnerAsync(string nftContract, CancellationToken cancellationToken = default)
    {
        byte[] data;
        try
        {
            data = await rpc.CallAsync(
                new CallRequest(nftContract, ContractReader.Calldata(new Ownable.OwnerFunction())), BlockTag.Latest, cancellationToken);
        }
        catch (ContractRevertException)
        {
            return null;
        }
        if (data.Length != WordLength || data.AsSpan(0, WordLength - AddressLength).IndexOfAnyExcept((byte)0) >= 0)
            return null;
        return Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress(RpcValues.Data(data.AsSpan(WordLength - AddressLength)));
    }
}
