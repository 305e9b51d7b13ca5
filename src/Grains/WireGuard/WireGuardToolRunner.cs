using System.ComponentModel;
using System.Diagnostics;

namespace BlockhostBroker.Grains.WireGuard;

/// <summary>What a finished tool process printed.</summary>
public sealed record ToolOutput(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// Runs `wg`, `ip` and `wireguard-go`, wrapped in `ip netns exec NS` when a network namespace is configured.
/// Secrets never go on a command line (keys travel by file or stdin) and stdout is never logged or put in
/// errors, because `wg show … dump` prints the private key.
/// </summary>
public sealed class WireGuardToolRunner(string? networkNamespace = null, TimeSpan? timeout = null)
{
    /// <summary>The iproute2 tool.</summary>
    public const string Ip = "ip";

    /// <summary>The WireGuard configuration tool.</summary>
    public const string Wg = "wg";

    /// <summary>The userspace WireGuard daemon.</summary>
    public const string WireGuardGo = "wireguard-go";

    private const int ArgumentsShownInErrors = 12;
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private readonly TimeSpan _timeout = timeout ?? DefaultTimeout;

    /// <summary>The namespace commands run in; null or empty means the caller's own.</summary>
    public string? NetworkNamespace { get; } = string.IsNullOrEmpty(networkNamespace) ? null : networkNamespace;

    /// <summary>Runs a tool and throws <see cref="WireGuardCommandException"/> when it exits non-zero.</summary>
    public async Task<ToolOutput> Run(string tool, IReadOnlyList<string> args, string? stdin = null, CancellationToken cancellationToken = default)
    {
        var output = await TryRun(tool, args, stdin, cancellationToken);
        return output.ExitCode == 0 ? output : throw new WireGuardCommandException(Describe(tool, args), output.ExitCode, output.StandardError);
    }

    /// <summary>Runs a tool and returns its exit code and output without judging them; throws only when it cannot start or hangs.</summary>
    public async Task<ToolOutput> TryRun(string tool, IReadOnlyList<string> args, string? stdin = null, CancellationToken cancellationToken = default)
    {
        using var process = new Process { StartInfo = BuildStartInfo(tool, args, stdin is not null) };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new WireGuardCommandException(Describe(tool, args), -1, e.Message, "could not start; is it installed?");
        }
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }
        await WaitOrKill(process, tool, args, cancellationToken);
        return new ToolOutput(process.ExitCode, await stdout, (await stderr).Trim());
    }

    /// <summary>The command line as shown in errors: the namespace wrapper, the tool and the first arguments.</summary>
    public string Describe(string tool, IReadOnlyList<string> args)
    {
        var shown = args.Take(ArgumentsShownInErrors).Select(a => a.Length == 0 ? "\"\"" : a);
        var more = args.Count > ArgumentsShownInErrors ? $" … (+{args.Count - ArgumentsShownInErrors} more arguments)" : "";
        var prefix = NetworkNamespace is null ? "" : $"ip netns exec {NetworkNamespace} ";
        return $"{prefix}{tool} {string.Join(' ', shown)}{more}";
    }

    private async Task WaitOrKill(Process process, string tool, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new WireGuardCommandException(Describe(tool, args), -1, "", $"did not finish in {_timeout.TotalSeconds:0} s");
        }
    }

    private ProcessStartInfo BuildStartInfo(string tool, IReadOnlyList<string> args, bool redirectStdin)
    {
        var psi = new ProcessStartInfo(NetworkNamespace is null ? tool : Ip)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStdin,
            UseShellExecute = false,
        };
        if (NetworkNamespace is not null)
        {
            foreach (var a in (string[])["netns", "exec", NetworkNamespace, tool]) psi.ArgumentList.Add(a);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["LC_ALL"] = "C";
        // wireguard-go keeps our stdout/stderr pipes open after daemonising when LOG_LEVEL is set.
        psi.Environment.Remove("LOG_LEVEL");
        return psi;
    }
}
