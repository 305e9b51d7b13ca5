using System.Diagnostics;

namespace BlockhostBroker.TestSupport.Network;

/// <summary>
/// A wireguard-go interface inside a namespace, run in the foreground as this process's child so it can always be
/// stopped. Disposing deletes the link (wireguard-go then exits), kills it if it lingers and removes its socket.
/// </summary>
public sealed class WireGuardGoDevice : IAsyncDisposable
{
    /// <summary>wireguard-go's UAPI sockets; shared by all namespaces, hence machine-unique interface names.</summary>
    public const string SocketDirectory = "/var/run/wireguard";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(3);
    private readonly Process _process;

    private WireGuardGoDevice(NetworkNamespace ns, string name, Process process)
    {
        Namespace = ns;
        Name = name;
        _process = process;
    }

    /// <summary>The namespace the interface lives in.</summary>
    public NetworkNamespace Namespace { get; }

    /// <summary>The interface name (unique on the machine).</summary>
    public string Name { get; }

    /// <summary>The UAPI socket path.</summary>
    public string SocketPath => Path.Combine(SocketDirectory, Name + ".sock");

    /// <summary>Starts wireguard-go and waits until its interface and socket exist.</summary>
    public static async Task<WireGuardGoDevice> StartAsync(NetworkNamespace ns, string name)
    {
        var psi = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["netns", "exec", ns.Name, "wireguard-go", "--foreground", name]) psi.ArgumentList.Add(a);
        psi.Environment.Remove("LOG_LEVEL");
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start wireguard-go");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var device = new WireGuardGoDevice(ns, name, process);
        try
        {
            await device.WaitUntilReadyAsync();
            return device;
        }
        catch
        {
            await device.DisposeAsync();
            throw;
        }
    }

    private int _disposed;

    /// <summary>Deletes the link, stops the process and removes the socket; safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        // A lab disposes every device it started, so a test that disposed one itself gets a second call.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await Namespace.TryExecAsync("ip", "link", "del", "dev", Name);
        using (var exited = new CancellationTokenSource(ExitTimeout))
        {
            try
            {
                await _process.WaitForExitAsync(exited.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        File.Delete(SocketPath);
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"wireguard-go {Name} in {Namespace} exited with {_process.ExitCode}");
            if (File.Exists(SocketPath) && (await Namespace.TryExecAsync("ip", "link", "show", "dev", Name)).ExitCode == 0)
                return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"wireguard-go {Name} in {Namespace} did not come up in {StartTimeout.TotalSeconds} s");
    }
}
