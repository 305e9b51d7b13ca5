using BlockhostBroker.Client.Cli;
using BlockhostBroker.Client.State;
using BlockhostBroker.Client.Tests.Support;
using BlockhostBroker.Client.Tunnel;

using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Client.Tests.Commands;

/// <summary>configure, install, release and status on a state folder, without a chain.</summary>
public sealed class LocalCommandsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string State => _temp.At("state");

    [Theory]
    [InlineData("configure")]
    [InlineData("install")]
    [InlineData("release")]
    public async Task Command_NothingSaved_ExitsNoAllocation(string command)
    {
        var outcome = await ClientRun.RunAsync([command, "--state-dir", State]);

        Assert.Equal(ExitCode.NoAllocation, outcome.Code);
        Assert.Contains("no allocation saved", outcome.StdErr);
    }

    [Fact]
    public async Task Configure_NothingSavedWithJson_PrintsOneErrorDocument()
    {
        var outcome = await ClientRun.RunAsync(["configure", "--state-dir", State, "--json"]);

        var error = outcome.Json().GetProperty("error");
        Assert.False(outcome.Json().GetProperty("ok").GetBoolean());
        Assert.Equal("no-allocation", error.GetProperty("code").GetString());
        Assert.Equal((int)ExitCode.NoAllocation, error.GetProperty("exitCode").GetInt32());
        Assert.Equal("", outcome.StdErr);
    }

    [Fact]
    public async Task Install_SystemdRunning_EnablesTheUnitOfTheInterface()
    {
        new AllocationSeeder().Seed(State);
        var tools = new RecordingToolRunner();

        var outcome = await ClientRun.RunAsync(["install", "--state-dir", State, "--wg-config-dir", _temp.At("wireguard"),
            "--wg-interface", "wg-test"], tools, systemd: true);

        Assert.Equal(ExitCode.Success, outcome.Code);
        var command = Assert.Single(tools.Commands);
        Assert.Equal("systemctl enable wg-quick@wg-test", command.ToString());
    }

    [Fact]
    public async Task Install_NoSystemd_WritesFileOwnerOnlyAndRunsNothing()
    {
        new AllocationSeeder().Seed(State);
        var tools = new RecordingToolRunner();
        var configDirectory = _temp.At("wireguard");

        var outcome = await ClientRun.RunAsync(["install", "--state-dir", State, "--wg-config-dir", configDirectory, "--json"], tools);

        Assert.Equal(ExitCode.Success, outcome.Code);
        Assert.Empty(tools.Commands);
        var path = Path.Combine(configDirectory, InterfaceName.Default + ".conf");
        Assert.Equal(path, outcome.Json().GetProperty("result").GetProperty("configPath").GetString());
        Assert.False(outcome.Json().GetProperty("result").GetProperty("enabled").GetBoolean());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task Release_SavedAllocation_RemovesStateFilesAndKeepsKeys()
    {
        new AllocationSeeder().Seed(State);
        var state = new StateDirectory(State);
        File.WriteAllText(state.WgQuickPath(InterfaceName.Default), "x");

        var outcome = await ClientRun.RunAsync(["release", "--state-dir", State]);

        Assert.Equal(ExitCode.Success, outcome.Code);
        Assert.False(File.Exists(state.PathOf(StateDirectory.AllocationFile)));
        Assert.False(File.Exists(state.WgQuickPath(InterfaceName.Default)));
        Assert.True(File.Exists(state.PathOf(StateDirectory.WireGuardKeyFile)));
        Assert.True(File.Exists(state.PathOf(StateDirectory.EciesKeyFile)));
    }

    [Fact]
    public async Task Release_CleanupWithSystemd_DisablesTheInstalledUnitAndDeletesItsFile()
    {
        new AllocationSeeder().Seed(State);
        var configDirectory = _temp.At("wireguard");
        Directory.CreateDirectory(configDirectory);
        var installed = Path.Combine(configDirectory, "wg-test.conf");
        File.WriteAllText(installed, "x");
        var tools = new RecordingToolRunner();

        var outcome = await ClientRun.RunAsync(["release", "--cleanup-wg", "--state-dir", State, "--wg-config-dir", configDirectory,
            "--wg-interface", "wg-test"], tools, systemd: true);

        Assert.Equal(ExitCode.Success, outcome.Code);
        Assert.Contains(tools.Commands, c => c.ToString() == "systemctl disable --now wg-quick@wg-test");
        Assert.False(File.Exists(installed));
        Assert.DoesNotContain(tools.Commands, c => c.Program != "ip" && c.Program != "systemctl");
    }

    [Fact]
    public async Task Status_NothingSaved_ReportsNoAllocationAndAbsentTunnel()
    {
        var outcome = await ClientRun.RunAsync(["status", "--state-dir", State, "--wg-interface", "wgnone0", "--json"]);

        Assert.Equal(ExitCode.Success, outcome.Code);
        var result = outcome.Json().GetProperty("result");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("allocation").ValueKind);
        Assert.False(result.GetProperty("tunnel").GetProperty("present").GetBoolean());
    }
}
