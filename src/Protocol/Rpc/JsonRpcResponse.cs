using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace BlockhostBroker.Protocol.Rpc;

/// <summary>Reads one JSON-RPC 2.0 response body: its result, or its error as a typed exception.</summary>
internal static class JsonRpcResponse
{
    /// <summary>Returns the result token (JSON null when null); throws for errors and malformed bodies.</summary>
    public static JToken ReadResult(string method, long expectedId, string body)
    {
        var response = Parse(method, body);
        if (response.TryGetValue("error", out var error) && error.Type != JTokenType.Null)
            throw ReadError(method, error);
        if (!response.TryGetValue("result", out var result))
            throw new RpcMalformedResponseException(method, $"response has neither result nor error: {JsonRpcHttpClient.Excerpt(body)}");
        if (response.TryGetValue("id", out var id) && !IdMatches(id, expectedId))
            throw new RpcMalformedResponseException(method, $"response id {id.ToString(Formatting.None)} does not match request id {expectedId}");
        return result;
    }

    private static JObject Parse(string method, string body)
    {
        JToken token;
        try
        {
            using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            token = JToken.ReadFrom(reader);
            if (reader.Read())
                throw new RpcMalformedResponseException(method, $"trailing content after the JSON response: {JsonRpcHttpClient.Excerpt(body)}");
        }
        catch (JsonException e)
        {
            throw new RpcMalformedResponseException(method, $"response is not JSON: {JsonRpcHttpClient.Excerpt(body)}", e);
        }
        return token as JObject
            ?? throw new RpcMalformedResponseException(method, $"response is a JSON {token.Type}, not an object: {JsonRpcHttpClient.Excerpt(body)}");
    }

    private static JsonRpcErrorException ReadError(string method, JToken error)
    {
        if (error is not JObject obj || obj["code"] is not JValue { Value: long code } || code is < int.MinValue or > int.MaxValue)
            throw new RpcMalformedResponseException(method, $"error member is not a JSON-RPC error object: {JsonRpcHttpClient.Excerpt(error.ToString(Formatting.None))}");
        var message = obj["message"]?.Type == JTokenType.String ? (string)obj["message"]! : "";
        return new JsonRpcErrorException(method, (int)code, message, ReadData(obj["data"]));
    }

    // Nodes put revert data either directly in "data" (geth, anvil) or one level down ({"data": "0x…"}).
    private static string? ReadData(JToken? data) => data switch
    {
        null => null,
        { Type: JTokenType.Null } => null,
        { Type: JTokenType.String } => (string)data!,
        JObject nested when nested["data"]?.Type == JTokenType.String => (string)nested["data"]!,
        _ => data.ToString(Formatting.None),
    };

    private static bool IdMatches(JToken id, long expected) => id.Type switch
    {
        JTokenType.Integer => (long)id == expected,
        JTokenType.String => (string)id! == expected.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => false,
    };
}
