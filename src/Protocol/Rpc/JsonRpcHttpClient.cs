using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace BlockhostBroker.Protocol.Rpc;

/// <summary>
/// JSON-RPC 2.0 over HTTP POST with one deadline per call covering connect, send and the whole body.
/// Every failure surfaces as an <see cref="EthereumRpcException"/> subtype. Nethereum's own RpcClient
/// is not used here because its timeout is a process-wide static and it cannot tell a missing result
/// from a null one.
/// </summary>
public sealed class JsonRpcHttpClient : IDisposable
{
    /// <summary>The largest response body accepted (eth_getLogs over wide ranges can be large).</summary>
    public const int MaxResponseBytes = 64 * 1024 * 1024;

    private const int BodyExcerptLength = 200;
    private const string JsonContentType = "application/json";
    private readonly HttpClient http;
    private long nextId;

    /// <summary>Creates a client for the node at <paramref name="url"/>; each call must finish within <paramref name="timeout"/>.</summary>
    public JsonRpcHttpClient(Uri url, TimeSpan timeout, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        Url = url;
        Timeout = timeout;
        http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // our own deadline covers the body too
    }

    /// <summary>The node's URL.</summary>
    public Uri Url { get; }

    /// <summary>The deadline of one call.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Scheme, host and port only: provider URLs often carry API keys in the path or user info, which never go into messages.</summary>
    public string Endpoint => $"{Url.Scheme}://{Url.Host}:{Url.Port}";

    /// <summary>Sends one request and returns its result (a JSON null token when the result is null).</summary>
    public async Task<JToken> SendAsync(string method, IReadOnlyList<object?> parameters, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref nextId);
        var body = BuildRequest(id, method, parameters);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        string text;
        try
        {
            text = await ExchangeAsync(method, body, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RpcTimeoutException(method, Timeout, e);
        }
        catch (HttpRequestException e)
        {
            throw new RpcConnectionException(method, $"cannot reach {Endpoint}: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new RpcConnectionException(method, $"connection to {Endpoint} failed: {e.Message}", e);
        }
        return JsonRpcResponse.ReadResult(method, id, text);
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private async Task<string> ExchangeAsync(string method, string body, CancellationToken token)
    {
        using var content = new StringContent(body, Encoding.UTF8, JsonContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = content };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
            throw new RpcMalformedResponseException(method, $"response of {response.Content.Headers.ContentLength} bytes exceeds {MaxResponseBytes}");
        var text = await ReadBoundedAsync(method, response.Content, token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new RpcHttpStatusException(method, (int)response.StatusCode, Excerpt(text));
        return text;
    }

    private static async Task<string> ReadBoundedAsync(string method, HttpContent content, CancellationToken token)
    {
        await using var stream = await content.ReadAsStreamAsync(token).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, token).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
                throw new RpcMalformedResponseException(method, $"response exceeds {MaxResponseBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException e)
        {
            throw new RpcMalformedResponseException(method, "response body is not UTF-8", e);
        }
    }

    private static string BuildRequest(long id, string method, IReadOnlyList<object?> parameters)
    {
        var request = new JObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id,
            ["method"] = method,
            ["params"] = new JArray(parameters.Select(p => p is null ? JValue.CreateNull() : JToken.FromObject(p))),
        };
        return request.ToString(Formatting.None);
    }

    internal static string Excerpt(string text) =>
        text.Length <= BodyExcerptLength ? text : text[..BodyExcerptLength] + "…";
}
