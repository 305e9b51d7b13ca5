using System.Net;
using System.Net.Sockets;

namespace BlockhostBroker.TestSupport.Chain;

/// <summary>
/// A TCP forwarder on a free loopback port in front of a node's JSON-RPC port, to take the node away from a client
/// without stopping it: while <see cref="IsDown"/>, every open connection is reset and new ones are reset as soon as
/// they are accepted, so the client sees connection errors, not slow answers. Dispose stops it.
/// </summary>
public sealed class RpcProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private bool _down;

    /// <summary>Starts forwarding to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    public RpcProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptLoop();
    }

    /// <summary>The URL to give the client instead of the node's.</summary>
    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>True while connections are refused.</summary>
    public bool IsDown
    {
        get { lock (_lock) return _down; }
    }

    /// <summary>Resets every open connection and every new one until <see cref="Up"/>.</summary>
    public void Down()
    {
        List<TcpClient> open;
        lock (_lock)
        {
            _down = true;
            open = [.. _open];
            _open.Clear();
        }
        open.ForEach(Reset);
    }

    /// <summary>Forwards again.</summary>
    public void Up()
    {
        lock (_lock) _down = false;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Down();
        try
        {
            await _accepting;
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopping
        }
        _stopping.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            if (IsDown)
                Reset(client);
            else
                _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using var node = new TcpClient();
        try
        {
            await node.ConnectAsync(IPAddress.Loopback, _targetPort, _stopping.Token);
            lock (_lock)
            {
                if (_down)
                {
                    Reset(client);
                    return;
                }
                _open.Add(client);
                _open.Add(node);
            }
            // Either direction ending (or a reset from Down) ends both.
            await Task.WhenAny(
                client.GetStream().CopyToAsync(node.GetStream(), _stopping.Token),
                node.GetStream().CopyToAsync(client.GetStream(), _stopping.Token));
        }
        catch (Exception error) when (error is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the connection was reset or the proxy stopped
        }
        finally
        {
            lock (_lock)
            {
                _open.Remove(client);
                _open.Remove(node);
            }
            client.Dispose();
        }
    }

    // Closing with a zero linger sends RST: the client fails at once instead of waiting for an answer.
    private static void Reset(TcpClient connection)
    {
        // The forwarding task may have disposed it meanwhile (Client is then null, or the socket disposed).
        if (connection.Client is not { } socket)
            return;
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // already gone
        }
    }
}
