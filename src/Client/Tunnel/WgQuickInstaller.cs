using BlockhostBroker.Client.State;

namespace BlockhostBroker.Client.Tunnel;

/// <summary>What `install` did.</summary>
/// <param name="ConfigPath">The wg-quick file written.</param>
/// <param name="Unit">The systemd unit, wg-quick@&lt;iface&gt;.</param>
/// <param name="Enabled">True when the unit was enabled (false when systemd does not run here).</param>
public sealed record InstallOutcome(string ConfigPath, string Unit, bool Enabled);

/// <summary>Writes wg-quick files (0600) and enables or disables wg-quick@&lt;iface&gt; where systemd runs.</summary>
public sealed class WgQuickInstaller(IToolRunner tools, Func<bool> systemdIsRunning)
{
    /// <summary>Where wg-quick looks for &lt;iface&gt;.conf.</summary>
    public const string DefaultConfigDirectory = "/etc/wireguard";

    /// <summary>The systemd unit for an interface.</summary>
    public static string UnitFor(string device) => $"wg-quick@{device}";

    /// <summary>Writes the file into <paramref name="configDirectory"/> (created 0700 when missing) and enables the unit where systemd runs.</summary>
    public async Task<InstallOutcome> InstallAsync(string configDirectory, string device, string wgQuickText, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(configDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(configDirectory, device + ".conf");
        StateFile.WriteSecretText(path, wgQuickText);
        var unit = UnitFor(device);
        if (!systemdIsRunning())
            return new InstallOutcome(path, unit, Enabled: false);
        await tools.RunCheckedAsync(ToolCommand.Of("systemctl", "enable", unit), cancellationToken);
        return new InstallOutcome(path, unit, Enabled: true);
    }

    /// <summary>Stops and disables the unit where systemd runs and deletes the file; returns the file path when one was removed.</summary>
    public async Task<string?> UninstallAsync(string configDirectory, string device, CancellationToken cancellationToken)
    {
        var path = Path.Combine(configDirectory, device + ".conf");
        if (systemdIsRunning() && File.Exists(path))
            await tools.RunAsync(ToolCommand.Of("systemctl", "disable", "--now", UnitFor(device)), cancellationToken);
        if (!File.Exists(path))
            return null;
        File.Delete(path);
        return path;
    }
}
