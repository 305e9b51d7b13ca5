using System.Text.Json;
using BlockhostBroker.Client.Cli;
using BlockhostBroker.Client.Tests.Support;
using BlockhostBroker.Client.Tunnel;
using BlockhostBroker.TestSupport;
using BlockhostBroker.TestSupport.Network;

namespace BlockhostBroker.Client.Tests.Tunnel;

/// <summary>Real tunnels: wireguard-go on both ends in network namespaces, broker-client run with `ip netns exec`.</summary>
public sealed class TunnelNamespaceTests
{
    [Fact]
    public async Task Configure_InClientNamespace_TunnelCarriesPing6ToGatewayUntilReleased()
    {
        await using var lab = await TunnelLab.CreateAsync();
        using var temp = new TempDirectory();
        var allocation = lab.Seeder.Seed(temp.Path);
        await lab.AddClientPeerAsync(allocation.WgPubkey);
        var device = NetworkLab.NewInterfaceName("bc");

        var configured = await lab.RunClientAsync("configure", "--state-dir", temp.Path, "--wg-interface", device, "--json");

        Assert.True(configured.ExitCode == 0, configured.ToString());
        Assert.Contains(Result(configured).GetProperty("link").GetString(), new[] { "kernel", "userspace" });
        Assert.True(await lab.Client.Ping6Async(AllocationSeeder.DefaultGateway), "no ping6 reply from the gateway through the tunnel");

        var released = await lab.RunClientAsync("release", "--cleanup-wg", "--state-dir", temp.Path, "--wg-interface", device,
            "--wg-config-dir", temp.At("wireguard"));

        Assert.True(released.ExitCode == 0, released.ToString());
        Assert.NotEqual(0, (await lab.Client.TryExecAsync("ip", "link", "show", "dev", device)).ExitCode);
        Assert.DoesNotContain(AllocationSeeder.DefaultPrefix, await lab.Client.ExecAsync("ip", "-6", "rule", "show"));
    }

    [Fact]
    public async Task Configure_RunTwice_ReconfiguresTheExistingLinkAndStatusSeesTheHandshake()
    {
        await using var lab = await TunnelLab.CreateAsync();
        using var temp = new TempDirectory();
        var allocation = lab.Seeder.Seed(temp.Path);
        await lab.AddClientPeerAsync(allocation.WgPubkey);
        var device = NetworkLab.NewInterfaceName("bc");
        (await lab.RunClientAsync("configure", "--state-dir", temp.Path, "--wg-interface", device)).EnsureSuccess("first configure");

        var again = await lab.RunClientAsync("configure", "--state-dir", temp.Path, "--wg-interface", device, "--json");
        var pinged = await lab.Client.Ping6Async(AllocationSeeder.DefaultGateway);
        var status = await lab.RunClientAsync("status", "--state-dir", temp.Path, "--wg-interface", device, "--json");

        Assert.Equal("existing", Result(again).GetProperty("link").GetString());
        Assert.True(pinged, "no ping6 reply after reconfiguring");
        Assert.Single(RuleLines(await lab.Client.ExecAsync("ip", "-6", "rule", "show")));
        var tunnel = Result(status).GetProperty("tunnel");
        Assert.True(tunnel.GetProperty("present").GetBoolean());
        Assert.Equal(lab.BrokerKey.PublicKey, tunnel.GetProperty("peerKey").GetString());
        Assert.Equal(JsonValueKind.String, tunnel.GetProperty("latestHandshake").ValueKind);
    }

    [Fact]
    public async Task Install_WgQuickFile_AcceptedByStripAndSetconfAndWgQuickUpCarriesPing6()
    {
        await using var lab = await TunnelLab.CreateAsync();
        using var temp = new TempDirectory();
        var allocation = lab.Seeder.Seed(temp.Path);
        await lab.AddClientPeerAsync(allocation.WgPubkey);
        var device = NetworkLab.NewInterfaceName("bc");
        var installed = await ClientRun.RunAsync(["install", "--state-dir", temp.Path, "--wg-config-dir", temp.At("wireguard"), "--wg-interface", device]);
        Assert.Equal(ExitCode.Success, installed.Code);
        var file = temp.At("wireguard", device + ".conf");

        var stripped = (await ProcessRunner.RunAsync("wg-quick", ["strip", file])).EnsureSuccess("wg-quick strip").StdOut;
        // The lab stops this scratch device on dispose; deleting its link now keeps it out of wg-quick's way.
        var scratch = await lab.Lab.StartWireGuardGoAsync(lab.Client);
        var strippedFile = Path.Combine(lab.Lab.TempDirectory, "stripped.conf");
        await File.WriteAllTextAsync(strippedFile, stripped, TestContext.Current.CancellationToken);
        await lab.Client.ExecAsync("wg", "setconf", scratch.Name, strippedFile);
        var shown = await lab.Client.ExecAsync("wg", "showconf", scratch.Name);
        await lab.Client.ExecAsync("ip", "link", "del", "dev", scratch.Name);
        Assert.Contains($"PublicKey = {lab.BrokerKey.PublicKey}", shown);
        Assert.Contains($"Endpoint = [{lab.Link.HostA}]:{TunnelLab.BrokerPort}", shown);
        var up = await lab.Client.TryExecAsync("wg-quick", "up", file);

        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.True(await lab.Client.Ping6Async(AllocationSeeder.DefaultGateway), "no ping6 reply through the wg-quick tunnel");
        (await lab.Client.TryExecAsync("wg-quick", "down", file)).EnsureSuccess("wg-quick down");
        Assert.Empty(RuleLines(await lab.Client.ExecAsync("ip", "-6", "rule", "show")));
    }

    private static JsonElement Result(ProcessResult run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.StdOut);
        return document.RootElement.GetProperty("result").Clone();
    }

    private static string[] RuleLines(string rules) =>
        [.. rules.Split('\n').Where(line => line.Contains($"lookup {TunnelRouting.SourceTable}", StringComparison.Ordinal))];
}
