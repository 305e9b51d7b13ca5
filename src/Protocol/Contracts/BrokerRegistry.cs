using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace BlockhostBroker.Protocol.Contracts;

/// <summary>
/// Typed messages of the global <c>BrokerRegistry</c> contract (Ownable, the owner is the registry's admin):
/// every function and view, the <see cref="Broker"/> struct, and every event.
/// The inherited Ownable members are in <see cref="Ownable"/>.
/// </summary>
public static class BrokerRegistry
{
    /// <summary><c>struct Broker</c>, fields in ABI order.</summary>
    public sealed class Broker
    {
        /// <summary>The operator's account.</summary>
        [Parameter("address", "operator", 1)] public string Operator { get; set; } = "";
        /// <summary>The broker's BrokerRequests contract.</summary>
        [Parameter("address", "requestsContract", 2)] public string RequestsContract { get; set; } = "";
        /// <summary>The 65-byte uncompressed secp256k1 key requests are encrypted to.</summary>
        [Parameter("bytes", "encryptionPubkey", 3)] public byte[] EncryptionPubkey { get; set; } = [];
        /// <summary>A free-form region label.</summary>
        [Parameter("string", "region", 4)] public string Region { get; set; } = "";
        /// <summary>Whether the broker takes requests.</summary>
        [Parameter("bool", "active", 5)] public bool Active { get; set; }
        /// <summary>Maximum allocations (0 = unlimited).</summary>
        [Parameter("uint256", "capacity", 6)] public BigInteger Capacity { get; set; }
        /// <summary>Allocations held, as last reported.</summary>
        [Parameter("uint256", "currentLoad", 7)] public BigInteger CurrentLoad { get; set; }
        /// <summary>Block timestamp of registration (Unix seconds).</summary>
        [Parameter("uint256", "registeredAt", 8)] public BigInteger RegisteredAt { get; set; }
    }

    /// <summary><c>registerBroker(address requestsContract, bytes encryptionPubkey, string region, uint256 capacity) returns (uint256 brokerId)</c>.</summary>
    [Function("registerBroker", "uint256")]
    public sealed class RegisterBrokerFunction : FunctionMessage
    {
        /// <summary>The broker's BrokerRequests contract.</summary>
        [Parameter("address", "requestsContract", 1)] public string RequestsContract { get; set; } = "";
        /// <summary>The 65-byte uncompressed secp256k1 key.</summary>
        [Parameter("bytes", "encryptionPubkey", 2)] public byte[] EncryptionPubkey { get; set; } = [];
        /// <summary>The region label.</summary>
        [Parameter("string", "region", 3)] public string Region { get; set; } = "";
        /// <summary>Maximum allocations (0 = unlimited).</summary>
        [Parameter("uint256", "capacity", 4)] public BigInteger Capacity { get; set; }
    }

    /// <summary><c>updateEncryptionPubkey(bytes encryptionPubkey)</c> (registered operator).</summary>
    [Function("updateEncryptionPubkey")]
    public sealed class UpdateEncryptionPubkeyFunction : FunctionMessage
    {
        /// <summary>The new 65-byte key.</summary>
        [Parameter("bytes", "encryptionPubkey", 1)] public byte[] EncryptionPubkey { get; set; } = [];
    }

    /// <summary><c>updateRegion(string region)</c> (registered operator).</summary>
    [Function("updateRegion")]
    public sealed class UpdateRegionFunction : FunctionMessage
    {
        /// <summary>The new region label.</summary>
        [Parameter("string", "region", 1)] public string Region { get; set; } = "";
    }

    /// <summary><c>updateCapacity(uint256 capacity)</c> (registered operator).</summary>
    [Function("updateCapacity")]
    public sealed class UpdateCapacityFunction : FunctionMessage
    {
        /// <summary>The new capacity (0 = unlimited).</summary>
        [Parameter("uint256", "capacity", 1)] public BigInteger Capacity { get; set; }
    }

    /// <summary><c>updateLoad(uint256 currentLoad)</c> (registered operator).</summary>
    [Function("updateLoad")]
    public sealed class UpdateLoadFunction : FunctionMessage
    {
        /// <summary>The allocations currently held.</summary>
        [Parameter("uint256", "currentLoad", 1)] public BigInteger CurrentLoad { get; set; }
    }

    /// <summary><c>activate()</c> (registered operator).</summary>
    [Function("activate")]
    public sealed class ActivateFunction : FunctionMessage;

    /// <summary><c>deactivate()</c> (registered operator).</summary>
    [Function("deactivate")]
    public sealed class DeactivateFunction : FunctionMessage;

    /// <summary><c>removeBroker(uint256 brokerId)</c> (owner only): deactivates and frees the operator, keeping the id.</summary>
    [Function("removeBroker")]
    public sealed class RemoveBrokerFunction : FunctionMessage
    {
        /// <summary>The broker to remove.</summary>
        [Parameter("uint256", "brokerId", 1)] public BigInteger BrokerId { get; set; }
    }

    /// <summary><c>getBroker(uint256 brokerId) returns (Broker)</c>.</summary>
    [Function("getBroker", typeof(GetBrokerOutput))]
    public sealed class GetBrokerFunction : FunctionMessage
    {
        /// <summary>The broker id.</summary>
        [Parameter("uint256", "brokerId", 1)] public BigInteger BrokerId { get; set; }
    }

    /// <summary>Output of <see cref="GetBrokerFunction"/>.</summary>
    [FunctionOutput]
    public sealed class GetBrokerOutput : IFunctionOutputDTO
    {
        /// <summary>The broker.</summary>
        [Parameter("tuple", "", 1)] public Broker Broker { get; set; } = new();
    }

    /// <summary><c>getActiveBrokers() returns (uint256[] ids, Broker[] active)</c>, in id order.</summary>
    [Function("getActiveBrokers", typeof(ActiveBrokersOutput))]
    public sealed class GetActiveBrokersFunction : FunctionMessage;

    /// <summary><c>getActiveBrokersByRegion(string region) returns (uint256[] ids, Broker[] active)</c>.</summary>
    [Function("getActiveBrokersByRegion", typeof(ActiveBrokersOutput))]
    public sealed class GetActiveBrokersByRegionFunction : FunctionMessage
    {
        /// <summary>The exact region label.</summary>
        [Parameter("string", "region", 1)] public string Region { get; set; } = "";
    }

    /// <summary>Output of <see cref="GetActiveBrokersFunction"/> and <see cref="GetActiveBrokersByRegionFunction"/>.</summary>
    [FunctionOutput]
    public sealed class ActiveBrokersOutput : IFunctionOutputDTO
    {
        /// <summary>The active broker ids.</summary>
        [Parameter("uint256[]", "ids", 1)] public List<BigInteger> Ids { get; set; } = [];
        /// <summary>The active brokers, in the same order.</summary>
        [Parameter("tuple[]", "active", 2)] public List<Broker> Active { get; set; } = [];
    }

    /// <summary><c>getBrokerCount() returns (uint256)</c>: the highest id.</summary>
    [Function("getBrokerCount", "uint256")]
    public sealed class GetBrokerCountFunction : FunctionMessage;

    /// <summary><c>isOperator(address account) returns (bool)</c>.</summary>
    [Function("isOperator", "bool")]
    public sealed class IsOperatorFunction : FunctionMessage
    {
        /// <summary>The account to check.</summary>
        [Parameter("address", "account", 1)] public string Account { get; set; } = "";
    }

    /// <summary>The public getter <c>brokers(uint256) returns (operator, requestsContract, …, registeredAt)</c>.</summary>
    [Function("brokers", typeof(BrokersOutput))]
    public sealed class BrokersFunction : FunctionMessage
    {
        /// <summary>The broker id.</summary>
        [Parameter("uint256", "brokerId", 1)] public BigInteger BrokerId { get; set; }
    }

    /// <summary>Output of <see cref="BrokersFunction"/>: the struct's fields as separate outputs.</summary>
    [FunctionOutput]
    public sealed class BrokersOutput : IFunctionOutputDTO
    {
        /// <summary>The operator (zero for an unknown id).</summary>
        [Parameter("address", "operator", 1)] public string Operator { get; set; } = "";
        /// <summary>The requests contract.</summary>
        [Parameter("address", "requestsContract", 2)] public string RequestsContract { get; set; } = "";
        /// <summary>The encryption key.</summary>
        [Parameter("bytes", "encryptionPubkey", 3)] public byte[] EncryptionPubkey { get; set; } = [];
        /// <summary>The region label.</summary>
        [Parameter("string", "region", 4)] public string Region { get; set; } = "";
        /// <summary>Whether it takes requests.</summary>
        [Parameter("bool", "active", 5)] public bool Active { get; set; }
        /// <summary>The capacity.</summary>
        [Parameter("uint256", "capacity", 6)] public BigInteger Capacity { get; set; }
        /// <summary>The reported load.</summary>
        [Parameter("uint256", "currentLoad", 7)] public BigInteger CurrentLoad { get; set; }
        /// <summary>Registration time.</summary>
        [Parameter("uint256", "registeredAt", 8)] public BigInteger RegisteredAt { get; set; }
    }

    /// <summary><c>operatorToBrokerId(address) returns (uint256)</c>: the operator's broker id, or 0.</summary>
    [Function("operatorToBrokerId", "uint256")]
    public sealed class OperatorToBrokerIdFunction : FunctionMessage
    {
        /// <summary>The operator.</summary>
        [Parameter("address", "operator", 1)] public string Operator { get; set; } = "";
    }

    /// <summary><c>requestsContractToBrokerId(address) returns (uint256)</c>: the broker id of a requests contract, or 0.</summary>
    [Function("requestsContractToBrokerId", "uint256")]
    public sealed class RequestsContractToBrokerIdFunction : FunctionMessage
    {
        /// <summary>The requests contract.</summary>
        [Parameter("address", "requestsContract", 1)] public string RequestsContract { get; set; } = "";
    }

    /// <summary><c>BrokerRegistered(uint256 indexed brokerId, address indexed operator, address requestsContract, string region)</c>.</summary>
    [Event("BrokerRegistered")]
    public sealed class BrokerRegisteredEvent : IEventDTO
    {
        /// <summary>The new broker id.</summary>
        [Parameter("uint256", "brokerId", 1, true)] public BigInteger BrokerId { get; set; }
        /// <summary>Its operator.</summary>
        [Parameter("address", "operator", 2, true)] public string Operator { get; set; } = "";
        /// <summary>Its requests contract.</summary>
        [Parameter("address", "requestsContract", 3, false)] public string RequestsContract { get; set; } = "";
        /// <summary>Its region.</summary>
        [Parameter("string", "region", 4, false)] public string Region { get; set; } = "";
    }

    /// <summary><c>BrokerUpdated(uint256 indexed brokerId, address indexed operator)</c>.</summary>
    [Event("BrokerUpdated")]
    public sealed class BrokerUpdatedEvent : BrokerOperatorEvent;

    /// <summary><c>BrokerDeactivated(uint256 indexed brokerId, address indexed operator)</c>.</summary>
    [Event("BrokerDeactivated")]
    public sealed class BrokerDeactivatedEvent : BrokerOperatorEvent;

    /// <summary><c>BrokerActivated(uint256 indexed brokerId, address indexed operator)</c>.</summary>
    [Event("BrokerActivated")]
    public sealed class BrokerActivatedEvent : BrokerOperatorEvent;

    /// <summary><c>BrokerLoadUpdated(uint256 indexed brokerId, uint256 currentLoad)</c>.</summary>
    [Event("BrokerLoadUpdated")]
    public sealed class BrokerLoadUpdatedEvent : IEventDTO
    {
        /// <summary>The broker.</summary>
        [Parameter("uint256", "brokerId", 1, true)] public BigInteger BrokerId { get; set; }
        /// <summary>The reported load.</summary>
        [Parameter("uint256", "currentLoad", 2, false)] public BigInteger CurrentLoad { get; set; }
    }

    /// <summary>The two indexed fields shared by BrokerUpdated, BrokerDeactivated and BrokerActivated.</summary>
    public abstract class BrokerOperatorEvent : IEventDTO
    {
        /// <summary>The broker.</summary>
        [Parameter("uint256", "brokerId", 1, true)] public BigInteger BrokerId { get; set; }
        /// <summary>Its operator.</summary>
        [Parameter("address", "operator", 2, true)] public string Operator { get; set; } = "";
    }
}
