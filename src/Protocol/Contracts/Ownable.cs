using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace BlockhostBroker.Protocol.Contracts;

/// <summary>
/// Typed messages of OpenZeppelin 5's <c>Ownable</c>, which BrokerRequests, BrokerRegistry and the
/// NFT contracts of Blockhost servers all inherit: <c>owner()</c>, the two ownership transactions,
/// the <c>OwnershipTransferred</c> event and the two custom errors.
/// </summary>
public static class Ownable
{
    /// <summary><c>owner() returns (address)</c>.</summary>
    [Function("owner", "address")]
    public sealed class OwnerFunction : FunctionMessage;

    /// <summary><c>transferOwnership(address newOwner)</c> (owner only).</summary>
    [Function("transferOwnership")]
    public sealed class TransferOwnershipFunction : FunctionMessage
    {
        /// <summary>The new owner.</summary>
        [Parameter("address", "newOwner", 1)]
        public string NewOwner { get; set; } = "";
    }

    /// <summary><c>renounceOwnership()</c> (owner only): leaves the contract without an owner.</summary>
    [Function("renounceOwnership")]
    public sealed class RenounceOwnershipFunction : FunctionMessage;

    /// <summary><c>OwnershipTransferred(address indexed previousOwner, address indexed newOwner)</c>.</summary>
    [Event("OwnershipTransferred")]
    public sealed class OwnershipTransferredEvent : IEventDTO
    {
        /// <summary>The owner before the transfer (zero at deployment).</summary>
        [Parameter("address", "previousOwner", 1, true)]
        public string PreviousOwner { get; set; } = "";

        /// <summary>The owner after the transfer.</summary>
        [Parameter("address", "newOwner", 2, true)]
        public string NewOwner { get; set; } = "";
    }

    /// <summary><c>error OwnableUnauthorizedAccount(address account)</c>: a non-owner called an owner-only function.</summary>
    [Error("OwnableUnauthorizedAccount")]
    public sealed class OwnableUnauthorizedAccountError
    {
        /// <summary>The caller that is not the owner.</summary>
        [Parameter("address", "account", 1)]
        public string Account { get; set; } = "";
    }

    /// <summary><c>error OwnableInvalidOwner(address owner)</c>: the zero address as new owner.</summary>
    [Error("OwnableInvalidOwner")]
    public sealed class OwnableInvalidOwnerError
    {
        /// <summary>The rejected owner.</summary>
        [Parameter("address", "owner", 1)]
        public string Owner { get; set; } = "";
    }
}
