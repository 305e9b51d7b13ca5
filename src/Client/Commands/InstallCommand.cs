using System.CommandLine;
using BlockhostBroker.Client.Cli;
using BlockhostBroker.Client.State;
using BlockhostBroker.Client.Tunnel;
using Spectre.Console;

namespace BlockhostBroker.Client.Commands;

/// <summary>`install`: writes the wg-quick file (0600) under /etc/wireguard and enables wg-quick@&lt;iface&gt; where systemd runs.</summary>
public sealed class InstallCommand : IClientCommand
{
    private readonly Option<string> _interface = OptionParsers.Interface();
    private readonly Option<string> _configDirectory = new("--wg-config-dir")
    {
        Description = "folder wg-quick reads <iface>.conf from",
        HelpName = "DIR",
        DefaultValueFactory = _ => WgQuickInstaller.DefaultConfigDirectory,
    };

    /// <summary>Declares the command.</summary>
    public InstallCommand() => Definition = new Command("install", "Write the wg-quick file (mode 0600) and enable wg-quick@<iface> where systemd runs")
    {
        _interface,
        _configDirectory,
    };

    /// <inheritdoc />
    public Command Definition { get; }

    /// <inheritdoc />
    public async Task<CommandReport> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var device = context.GetValue(_interface);
        var saved = SavedAllocation.Load(context.State);
        var text = WireGuardConfigText.WgQuick(saved.Key, saved.Peer, saved.WgQuickHeader);
        StateFile.WriteSecretText(context.State.WgQuickPath(device), text);
        var installer = new WgQuickInstaller(context.Environment.Tools, context.Environment.SystemdIsRunning);
        var outcome = await installer.InstallAsync(context.GetValue(_configDirectory), device, text, cancellationToken);
        return new InstallReport(device, outcome.ConfigPath, outcome.Unit, outcome.Enabled);
    }
}

/// <summary>What `install` did.</summary>
/// <param name="Interface">The interface name.</param>
/// <param name="ConfigPath">The wg-quick file written.</param>
/// <param name="Unit">The systemd unit.</param>
/// <param name="Enabled">True when the unit was enabled; false when systemd does not run here.</param>
public sealed record InstallReport(string Interface, string ConfigPath, string Unit, bool Enabled) : CommandReport
{
    /// <inheritdoc />
    public override void WriteHuman(IAnsiConsole console)
    {
        console.Line($"Wrote {ConfigPath} (mode 0600).");
        console.Line(Enabled
            ? $"Enabled {Unit}: the tunnel comes up at boot. Start it now with `systemctl start {Unit}` (after `ip link del {Interface}` if `configure` brought it up)."
            : $"systemd is not running here, so {Unit} was not enabled; bring the tunnel up with `wg-quick up {Interface}`.");
    }
}
