using System.Security.Cryptography;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.TestSupport.Chain;
using Nethereum.Contracts;

namespace BlockhostBroker.Protocol.Tests.Contracts;

/// <summary>Test steps on a chain: send a typed message from a dev account and insist it succeeded; make random data.</summary>
public static class ChainSteps
{
    /// <summary>Sends <paramref name="message"/> to <paramref name="contract"/> from <paramref name="from"/>, signed offline; asserts the receipt's status is 1.</summary>
    public static async Task<TransactionReceiptInfo> ExecuteAsync<TFunction>(this AnvilChain chain, DevAccount from, string contract, TFunction message)
        where TFunction : FunctionMessage, new()
    {
        var receipt = await chain.SendAsync(from, contract, ContractReader.Calldata(message));
        Assert.True(receipt.Succeeded, $"{typeof(TFunction).Name} from {from} reverted in {receipt.TransactionHash}");
        return receipt;
    }

    /// <summary>Simulates <paramref name="message"/> from <paramref name="from"/> and returns the revert it must produce.</summary>
    public static Task<ContractRevertException> RevertOfAsync<TFunction>(this AnvilChain chain, DevAccount from, string contract, TFunction message)
        where TFunction : FunctionMessage, new() =>
        Assert.ThrowsAsync<ContractRevertException>(() => new ContractReader(chain.Rpc, contract).SimulateAsync(message, from.Address));

    /// <summary>Decodes the receipt's logs of one event type, asserting there is exactly one.</summary>
    public static TEvent SingleEvent<TEvent>(this TransactionReceiptInfo receipt) where TEvent : Nethereum.ABI.FunctionEncoding.Attributes.IEventDTO, new() =>
        Assert.Single(EventLogs.DecodeAll<TEvent>(receipt.Logs)).Event;

    /// <summary>Random bytes standing in for an ECIES envelope.</summary>
    public static byte[] RandomPayload(int length = 150) => RandomNumberGenerator.GetBytes(length);

    /// <summary>A random address with no code.</summary>
    public static string RandomAddress() =>
        Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress("0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)));

    /// <summary>True when two addresses are equal ignoring case.</summary>
    public static bool SameAddress(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
