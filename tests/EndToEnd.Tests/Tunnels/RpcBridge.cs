using System.Diagnostics;
using BlockhostBroker.TestSupport;
using BlockhostBroker.TestSupport.Network;

namespace BlockhostBroker.EndToEnd.Tests.Tunnels;

/// <summary>
/// Makes anvil (on the host's 127.0.0.1) reachable from inside a namespace, as scripts/up does: one
/// scripts/lib/rpc-bridge.mjs on the host turns a Unix socket into anvil's port, a second one inside the namespace
/// listens on every address at <see cref="Port"/> and forwards to that socket (the filesystem is shared, the loopback
/// is not). Clients in other namespaces reach it over their veth like a remote RPC endpoint.
/// </summary>
public sealed class RpcBridge : IAsyncDisposable
{
    /// <summary>The port the bridge listens on inside the namespace.</summary>
    public const int Port = 8545;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);
    private readonly List<Process> _processes = [];

    private RpcBridge() { }

    /// <summary>Starts both halves; <paramref name="socketDirectory"/> holds the Unix socket.</summary>
    public static async Task<RpcBridge> StartAsync(Uri anvil, NetworkNamespace inside, string socketDirectory)
    {
        var socket = Path.Combine(socketDirectory, "rpc.sock");
        var script = RepoPaths.At("scripts", "lib", "rpc-bridge.mjs");
        var bridge = new RpcBridge();
        try
        {
            await bridge.StartHalfAsync("node", [script, $"unix:{socket}", $"tcp:127.0.0.1:{anvil.Port}"]);
            await bridge.StartHalfAsync("ip", ["netns", "exec", inside.Name, "node", script, $"tcp:::0:{Port}", $"unix:{socket}"]);
            return bridge;
        }
        catch
        {
            await bridge.DisposeAsync();
            throw;
        }
    }

    /// <summary>The RPC URL for a client that reaches the namespace at <paramref name="address"/>.</summary>
    public static string UrlAt(string address) => $"http://[{address}]:{Port}/";

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            if (!process.HasExited)
                process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    // Waits for the "listening" line the script prints once its server is bound.
    private async Task StartHalfAsync(string program, string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        _processes.Add(process);
        var errors = process.StandardError.ReadToEndAsync();
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(ReadyTimeout);
        if (line == "listening")
            return;
        if (!process.HasExited)
            process.Kill();
        throw new InvalidOperationException($"rpc-bridge {string.Join(' ', args)} did not start: {line} {await errors}");
    }
}
