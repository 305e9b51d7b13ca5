using System.Globalization;
using BlockhostBroker.Silo.Cli;
using BlockhostBroker.Silo.Config;
using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Silo.Tests.Packaging;

/// <summary>The systemd unit agrees with the program: notify start-up, the config path, the config exit code, CAP_NET_ADMIN only.</summary>
public sealed class SystemdUnitTests
{
    private static readonly ILookup<string, string> Settings = File.ReadLines(RepoPaths.At("packaging", "blockhost-broker.service"))
        .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith('[') && line.Contains('='))
        .Select(line => line.Split('=', 2))
        .ToLookup(kv => kv[0].Trim(), kv => kv[1].Trim());

    [Fact]
    public void Unit_StartsTheDaemonAsNotifyServiceWithTheDefaultConfig()
    {
        Assert.Equal("notify", Assert.Single(Settings["Type"]));
        Assert.EndsWith($"-c {BrokerConfig.DefaultPath}", Assert.Single(Settings["ExecStart"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Unit_DoesNotRestartOnTheConfigExitCode()
    {
        var prevented = Assert.Single(Settings["RestartPreventExitStatus"]).Split(' ');

        Assert.Contains(((int)ExitCode.Config).ToString(CultureInfo.InvariantCulture), prevented);
        Assert.Equal("on-failure", Assert.Single(Settings["Restart"]));
    }

    [Fact]
    public void Unit_KeepsOnlyNetAdminAndHardensTheRest()
    {
        Assert.Equal("CAP_NET_ADMIN", Assert.Single(Settings["CapabilityBoundingSet"]));
        Assert.Equal("CAP_NET_ADMIN", Assert.Single(Settings["AmbientCapabilities"]));
        Assert.NotEqual("root", Settings["User"].Single());
        foreach (var setting in new[] { "NoNewPrivileges", "ProtectHome", "PrivateTmp", "ProtectKernelModules", "RestrictSUIDSGID" })
            Assert.Equal("yes", Assert.Single(Settings[setting]));
        Assert.Equal("strict", Assert.Single(Settings["ProtectSystem"]));
    }
}
