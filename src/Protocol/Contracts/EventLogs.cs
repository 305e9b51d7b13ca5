using BlockhostBroker.Protocol.Rpc;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.ABI.Model;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace BlockhostBroker.Protocol.Contracts;

/// <summary>A log that carries an event's signature but whose topics or data do not decode as that event.</summary>
public sealed class EventDecodingException(string eventName, LogEntry log, Exception? inner = null)
    : Exception($"log {log.TransactionHash}#{log.LogIndex} does not decode as {eventName}: {inner?.Message}", inner)
{
    /// <summary>The offending log.</summary>
    public LogEntry Log { get; } = log;
}

/// <summary>One decoded event and the log it came from (block, transaction, index).</summary>
public sealed record DecodedEvent<TEvent>(TEvent Event, LogEntry Log) where TEvent : IEventDTO;

/// <summary>Builds eth_getLogs filters for typed events and decodes logs into the typed event DTOs.</summary>
public static class EventLogs
{
    private const int MaxIndexedTopics = 3;

    /// <summary>The event's signature topic (keccak of "Name(types)") as lowercase "0x" hex.</summary>
    public static string SignatureTopic<TEvent>() where TEvent : IEventDTO, new() =>
        "0x" + ABITypedRegistry.GetEvent<TEvent>().Sha3Signature.ToLowerInvariant();

    /// <summary>
    /// A filter for <typeparamref name="TEvent"/> logs of <paramref name="contract"/> in an inclusive block range.
    /// <paramref name="indexedValues"/> narrow the indexed parameters in declaration order: each entry is null (any),
    /// one value, or an array of alternatives (e.g. <c>new object[] { id1, id2 }</c>).
    /// </summary>
    public static LogFilter Filter<TEvent>(string contract, long fromBlock, long toBlock, params object?[] indexedValues)
        where TEvent : IEventDTO, new()
    {
        ArgumentNullException.ThrowIfNull(contract);
        var abi = ABITypedRegistry.GetEvent<TEvent>();
        var indexed = abi.InputParameters.Where(p => p.Indexed).OrderBy(p => p.Order).ToList();
        if (indexedValues.Length > indexed.Count)
            throw new ArgumentException($"{abi.Name} has {indexed.Count} indexed parameters, {indexedValues.Length} values given", nameof(indexedValues));
        var topics = new List<IReadOnlyList<string>?> { new[] { "0x" + abi.Sha3Signature.ToLowerInvariant() } };
        for (var i = 0; i < indexedValues.Length && i < MaxIndexedTopics; i++)
            topics.Add(EncodeTopicAlternatives(indexed[i], indexedValues[i]));
        while (topics.Count > 1 && topics[^1] is null) topics.RemoveAt(topics.Count - 1);
        return new LogFilter(fromBlock, toBlock, [contract], topics);
    }

    /// <summary>True when the log carries <typeparamref name="TEvent"/>'s signature and its number of indexed topics.</summary>
    public static bool Is<TEvent>(LogEntry log) where TEvent : IEventDTO, new()
    {
        var abi = ABITypedRegistry.GetEvent<TEvent>();
        return log.Topics.Count == 1 + abi.NumberOfIndexes
            && string.Equals(log.Topics[0], "0x" + abi.Sha3Signature, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Decodes one log; throws <see cref="EventDecodingException"/> when it is not a well-formed <typeparamref name="TEvent"/>.</summary>
    public static TEvent Decode<TEvent>(LogEntry log) where TEvent : IEventDTO, new()
    {
        var abi = ABITypedRegistry.GetEvent<TEvent>();
        if (!Is<TEvent>(log)) throw new EventDecodingException(abi.Name, log);
        try
        {
            return new TEvent().DecodeEvent(abi, ToFilterLog(log));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new EventDecodingException(abi.Name, log, e);
        }
    }

    /// <summary>Decodes the logs that are <typeparamref name="TEvent"/> (by <see cref="Is{TEvent}"/>), skipping others, in the given order.</summary>
    public static IReadOnlyList<DecodedEvent<TEvent>> DecodeAll<TEvent>(IEnumerable<LogEntry> logs) where TEvent : IEventDTO, new() =>
        logs.Where(Is<TEvent>).Select(l => new DecodedEvent<TEvent>(Decode<TEvent>(l), l)).ToList();

    private static IReadOnlyList<string>? EncodeTopicAlternatives(Parameter parameter, object? value) => value switch
    {
        null => null,
        Array alternatives when parameter.Type != "bytes" => alternatives.Cast<object>().Select(v => EncodeTopic(parameter, v)).ToList(),
        _ => [EncodeTopic(parameter, value)],
    };

    private static string EncodeTopic(Parameter parameter, object value) =>
        RpcValues.Data(parameter.ABIType.Encode(value));

    private static FilterLog ToFilterLog(LogEntry log) => new()
    {
        Address = log.Address,
        Topics = [.. log.Topics],
        Data = RpcValues.Data(log.Data),
        BlockNumber = new HexBigInteger(log.BlockNumber),
        BlockHash = log.BlockHash,
        TransactionHash = log.TransactionHash,
        TransactionIndex = new HexBigInteger(log.TransactionIndex),
        LogIndex = new HexBigInteger(log.LogIndex),
        Removed = log.Removed,
    };
}
