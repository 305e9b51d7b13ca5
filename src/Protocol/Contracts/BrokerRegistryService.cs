using System.Numerics;
using BlockhostBroker.Protocol.Rpc;
using static BlockhostBroker.Protocol.Contracts.BrokerRegistry;

namespace BlockhostBroker.Protocol.Contracts;

/// <summary>Typed reads of the BrokerRegistry contract, plus the calldata of its transactions (sign and send them with Transactions/).</summary>
public sealed class BrokerRegistryService(IEthereumRpc rpc, string contractAddress)
{
    /// <summary>Encodes, calls and decodes against the contract.</summary>
    public ContractReader Reader { get; } = new(rpc, contractAddress);

    /// <summary>The contract's address.</summary>
    public string Address => Reader.Address;

    /// <summary>Calldata of <c>registerBroker(requestsContract, encryptionPubkey, region, capacity)</c>.</summary>
    public static byte[] RegisterBrokerCalldata(string requestsContract, byte[] encryptionPubkey, string region, BigInteger capacity) =>
        ContractReader.Calldata(new RegisterBrokerFunction
        {
            RequestsContract = requestsContract, EncryptionPubkey = encryptionPubkey, Region = region, Capacity = capacity,
        });

    /// <summary>Calldata of <c>updateLoad(currentLoad)</c>.</summary>
    public static byte[] UpdateLoadCalldata(BigInteger currentLoad) =>
        ContractReader.Calldata(new UpdateLoadFunction { CurrentLoad = currentLoad });

    /// <summary><c>getBroker(id)</c>; an unknown id throws <see cref="ContractRevertException"/> with reason "Invalid broker ID".</summary>
    public async Task<Broker> GetBrokerAsync(BigInteger brokerId, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await Reader.QueryDtoAsync<GetBrokerFunction, GetBrokerOutput>(new() { BrokerId = brokerId }, block, cancellationToken: cancellationToken)).Broker;

    /// <summary><c>getActiveBrokers()</c>, in id order.</summary>
    public Task<ActiveBrokersOutput> GetActiveBrokersAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        Reader.QueryDtoAsync<GetActiveBrokersFunction, ActiveBrokersOutput>(new(), block, cancellationToken: cancellationToken);

    /// <summary><c>getActiveBrokersByRegion(region)</c>: active brokers whose region equals it exactly.</summary>
    public Task<ActiveBrokersOutput> GetActiveBrokersByRegionAsync(string region, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        Reader.QueryDtoAsync<GetActiveBrokersByRegionFunction, ActiveBrokersOutput>(new() { Region = region }, block, cancellationToken: cancellationToken);

    /// <summary><c>getBrokerCount()</c>: the highest broker id.</summary>
    public Task<BigInteger> GetBrokerCountAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        Reader.QueryAsync<GetBrokerCountFunction, BigInteger>(new(), block, cancellationToken: cancellationToken);

    /// <summary><c>isOperator(account)</c>.</summary>
    public Task<bool> IsOperatorAsync(string account, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        Reader.QueryAsync<IsOperatorFunction, bool>(new() { Account = account }, block, cancellationToken: cancellationToken);

    /// <summary>The public getter <c>brokers(id)</c> (all zero for an unknown id).</summary>
    public Task<BrokersOutput> GetBrokerRecordAsync(BigInteger brokerId, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        Reader.QueryDtoAsync<BrokersFunction, BrokersOutput>(new() { BrokerId = brokerId }, block, cancellationToken: cancellationToken);

    /// <summary><c>operatorToBrokerId(operator)</c>, or 0.</summary>
    public Task<BigInteger> GetBrokerIdOfOperatorAsync(string operatorAddress, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        Reader.QueryAsync<OperatorToBrokerIdFunction, BigInteger>(new() { Operator = operatorAddress }, block, cancellationToken: cancellationToken);

    /// <summary><c>requestsContractToBrokerId(requestsContract)</c>, or 0.</summary>
    public Task<BigInteger> GetBrokerIdOfRequestsContractAsync(string requestsContract, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        Reader.QueryAsync<RequestsContractToBrokerIdFunction, BigInteger>(new() { RequestsContract = requestsContract }, block, cancellationToken: cancellationToken);

    /// <summary><c>owner()</c>: the registry's admin.</summary>
    public Task<string> GetOwnerAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        Reader.QueryAsync<Ownable.OwnerFunction, string>(new(), block, cancellationToken: cancellationToken);
}
