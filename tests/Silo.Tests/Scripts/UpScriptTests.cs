using System.Globalization;
using System.Text.Json;
using BlockhostBroker.Silo.Tests.Support;
using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Silo.Tests.Scripts;

/// <summary>
/// scripts/up --check, the README's first command, run as CI runs it: a chain, the contracts, the broker in its
/// namespace, one client served end to end through a real tunnel, then everything torn down.
/// </summary>
public sealed class UpScriptTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);
    private readonly TempDirectory _devnet = new("bhb-up-");

    /// <inheritdoc />
    public void Dispose() => _devnet.Dispose();

    [Fact]
    public async Task UpCheck_FreshDevnet_ServesOneClientWritesTheManifestAndCleansUp()
    {
        string[] args =
        [
            "--check", "--devnet", _devnet.Path, "--configuration", "Debug",
            "--port", Port(), "--api-port", Port(), "--dashboard-port", Port(),
        ];

        var run = await ProcessRunner.RunAsync(RepoPaths.At("scripts", "up"), args, timeout: Timeout);

        Assert.True(run.ExitCode == 0, $"scripts/up --check exited {run.ExitCode}\n{run.StdOut}\n{run.StdErr}");
        Assert.Contains("up: self-check passed", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("ping6 2001:db8:f04::1", run.StdOut, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(_devnet.File("manifest.json"), TestContext.Current.CancellationToken));
        var m = manifest.RootElement;
        Assert.StartsWith("http://127.0.0.1:", m.GetProperty("rpcUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(31337, m.GetProperty("chainId").GetInt64());
        Assert.Matches("^0x[0-9a-fA-F]{40}$", m.GetProperty("registry").GetString());
        Assert.Matches("^0x[0-9a-fA-F]{40}$", m.GetProperty("requests").GetString());
        Assert.True(m.GetProperty("brokerId").GetInt64() >= 1);
        Assert.Matches("^0x04[0-9a-f]{128}$", m.GetProperty("brokerPubkey").GetString());
        Assert.Equal("2001:db8:f04::/48", m.GetProperty("upstreamPrefix").GetString());
        Assert.EndsWith("/", m.GetProperty("dashboardUrl").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/api/status", m.GetProperty("statusUrl").GetString(), StringComparison.Ordinal);
        var namespaces = (await ProcessRunner.RunAsync("ip", ["netns", "list"])).StdOut;
        Assert.DoesNotContain(m.GetProperty("brokerNamespace").GetString()!, namespaces, StringComparison.Ordinal);
        Assert.DoesNotContain(m.GetProperty("clientNamespace").GetString()!, namespaces, StringComparison.Ordinal);
    }

    private static string Port() => FreePort.Next().ToString(CultureInfo.InvariantCulture);
}
