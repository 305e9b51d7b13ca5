using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BlockhostBroker.Protocol.Tests.Transactions;

/// <summary>
/// A misbehaving JSON-RPC endpoint on 127.0.0.1 for failure tests: each connection gets the canned HTTP answer,
/// or nothing at all. It only ever listens on loopback and stops on dispose.
/// </summary>
public sealed class FakeRpcServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Func<string, string?> respond;
    private readonly bool holdOpen;
    private readonly Task loop;

    /// <summary>
    /// Starts a server answering each request body with the raw HTTP response <paramref name="respond"/> returns
    /// (null: never answer); with <paramref name="holdOpen"/> the connection stays open after the answer instead of closing.
    /// </summary>
    public FakeRpcServer(Func<string, string?> respond, bool holdOpen = false)
    {
        this.respond = respond;
        this.holdOpen = holdOpen;
        listener.Start();
        loop = AcceptLoopAsync();
    }

    /// <summary>The server's URL.</summary>
    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    /// <summary>A complete HTTP/1.1 response with a Content-Length.</summary>
    public static string Http(int status, string body, string contentType = "application/json") =>
        $"HTTP/1.1 {status} Status\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";

    /// <summary>A 200 response carrying a JSON-RPC result (raw JSON text) for request id 1.</summary>
    public static string Result(string resultJson) => Http(200, $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{resultJson}}}");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try { await loop; } catch (OperationCanceledException) { } catch (SocketException) { } catch (ObjectDisposedException) { }
        stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestBodyAsync(stream);
                var answer = respond(request);
                if (answer is not null)
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(answer), stop.Token);
                if (answer is null || holdOpen)
                    await Task.Delay(Timeout.Infinite, stop.Token); // keep the connection open, say nothing more
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
                // the client gave up or the server is stopping
            }
        }
    }

    private async Task<string> ReadRequestBodyAsync(NetworkStream stream)
    {
        var buffer = new byte[64 * 1024];
        var total = 0;
        while (true)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total), stop.Token);
            if (read == 0) break;
            total += read;
            var text = Encoding.UTF8.GetString(buffer, 0, total);
            var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headerEnd < 0) continue;
            var length = ContentLength(text[..headerEnd]);
            if (Encoding.UTF8.GetByteCount(text[(headerEnd + 4)..]) >= length) return text[(headerEnd + 4)..];
        }
        return "";
    }

    private static int ContentLength(string headers)
    {
        foreach (var line in headers.Split("\r\n"))
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                return int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return 0;
    }
}
