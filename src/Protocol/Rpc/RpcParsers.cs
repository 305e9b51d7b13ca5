using System.Globalization;
using Newtonsoft.Json.Linq;

namespace BlockhostBroker.Protocol.Rpc;

/// <summary>Builds request objects and parses result objects strictly, naming the member that is wrong.</summary>
internal static class RpcParsers
{
    public static BlockHeader Block(string method, JToken result)
    {
        var baseFee = RpcValues.OptionalMember(method, result, "baseFeePerGas");
        var seconds = RpcValues.ReadLong(method, RpcValues.Member(method, result, "timestamp"), "timestamp");
        return new BlockHeader(
            RpcValues.ReadLong(method, RpcValues.Member(method, result, "number"), "number"),
            RpcValues.ReadHash(method, RpcValues.Member(method, result, "hash"), "hash"),
            RpcValues.ReadHash(method, RpcValues.Member(method, result, "parentHash"), "parentHash"),
            DateTimeOffset.FromUnixTimeSeconds(seconds),
            baseFee is null ? null : RpcValues.ReadQuantity(method, baseFee, "baseFeePerGas"));
    }

    public static FeeHistory FeeHistory(string method, JToken result)
    {
        var baseFees = Array(method, RpcValues.Member(method, result, "baseFeePerGas"), "baseFeePerGas")
            .Select(t => RpcValues.ReadQuantity(method, t, "baseFeePerGas")).ToList();
        var ratios = Array(method, RpcValues.Member(method, result, "gasUsedRatio"), "gasUsedRatio")
            .Select(t => Ratio(method, t)).ToList();
        var reward = RpcValues.OptionalMember(method, result, "reward") is { } r
            ? Array(method, r, "reward").Select(row => (IReadOnlyList<System.Numerics.BigInteger>)Array(method, row, "reward")
                .Select(t => RpcValues.ReadQuantity(method, t, "reward")).ToList()).ToList()
            : [];
        var oldest = RpcValues.ReadLong(method, RpcValues.Member(method, result, "oldestBlock"), "oldestBlock");
        return new FeeHistory(oldest, baseFees, ratios, reward);
    }

    public static LogEntry Log(string method, JToken log)
    {
        JToken M(string name) => RpcValues.Member(method, log, name);
        var removed = RpcValues.OptionalMember(method, log, "removed");
        return new LogEntry(
            RpcValues.ReadAddress(method, M("address"), "log address"),
            Array(method, M("topics"), "topics").Select(t => RpcValues.ReadHash(method, t, "topic")).ToList(),
            RpcValues.ReadData(method, M("data"), "log data"),
            RpcValues.ReadLong(method, M("blockNumber"), "log blockNumber"),
            RpcValues.ReadHash(method, M("blockHash"), "log blockHash"),
            RpcValues.ReadHash(method, M("transactionHash"), "log transactionHash"),
            RpcValues.ReadLong(method, M("transactionIndex"), "log transactionIndex"),
            RpcValues.ReadLong(method, M("logIndex"), "logIndex"),
            removed is not null && (removed.Type == JTokenType.Boolean ? (bool)removed : throw RpcValues.Malformed(method, "removed", "a boolean", removed)));
    }

    public static TransactionReceiptInfo Receipt(string method, JToken result)
    {
        JToken M(string name) => RpcValues.Member(method, result, name);
        var status = RpcValues.ReadQuantity(method, M("status"), "status");
        if (status > 1) throw RpcValues.Malformed(method, "status", "0x0 or 0x1", M("status"));
        var price = RpcValues.OptionalMember(method, result, "effectiveGasPrice");
        var created = RpcValues.OptionalMember(method, result, "contractAddress");
        return new TransactionReceiptInfo(
            RpcValues.ReadHash(method, M("transactionHash"), "transactionHash"),
            RpcValues.ReadLong(method, M("blockNumber"), "blockNumber"),
            RpcValues.ReadHash(method, M("blockHash"), "blockHash"),
            status == 1,
            RpcValues.ReadLong(method, M("gasUsed"), "gasUsed"),
            price is null ? 0 : RpcValues.ReadQuantity(method, price, "effectiveGasPrice"),
            created is null ? null : RpcValues.ReadAddress(method, created, "contractAddress"),
            Array(method, M("logs"), "logs").Select(l => Log(method, l)).ToList());
    }

    public static TransactionInfo Transaction(string method, JToken result)
    {
        var block = RpcValues.OptionalMember(method, result, "blockNumber");
        var blockHash = RpcValues.OptionalMember(method, result, "blockHash");
        return new TransactionInfo(
            RpcValues.ReadHash(method, RpcValues.Member(method, result, "hash"), "hash"),
            RpcValues.ReadAddress(method, RpcValues.Member(method, result, "from"), "from"),
            RpcValues.ReadLong(method, RpcValues.Member(method, result, "nonce"), "nonce"),
            block is null ? null : RpcValues.ReadLong(method, block, "blockNumber"),
            blockHash is null ? null : RpcValues.ReadHash(method, blockHash, "blockHash"));
    }

    public static JObject CallObject(CallRequest call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var obj = new JObject { ["to"] = call.To, ["data"] = RpcValues.Data(call.Data) };
        if (call.From is not null) obj["from"] = call.From;
        if (call.Value is { } value) obj["value"] = RpcValues.Quantity(value);
        if (call.Gas is { } gas) obj["gas"] = RpcValues.Quantity(gas);
        return obj;
    }

    public static JObject FilterObject(LogFilter filter)
    {
        var topics = new JArray(filter.Topics.Select(position => position is null
            ? (JToken)JValue.CreateNull()
            : new JArray(position.Select(t => (JToken)t))));
        return new JObject
        {
            ["fromBlock"] = RpcValues.Quantity(filter.FromBlock),
            ["toBlock"] = RpcValues.Quantity(filter.ToBlock),
            ["address"] = new JArray(filter.Addresses.Select(a => (JToken)a)),
            ["topics"] = topics,
        };
    }

    private static JArray Array(string method, JToken token, string what) =>
        token as JArray ?? throw RpcValues.Malformed(method, what, "an array", token);

    private static double Ratio(string method, JToken token) => token.Type switch
    {
        JTokenType.Float or JTokenType.Integer => Convert.ToDouble(((JValue)token).Value, CultureInfo.InvariantCulture),
        _ => throw RpcValues.Malformed(method, "gasUsedRatio", "a number", token),
    };
}
