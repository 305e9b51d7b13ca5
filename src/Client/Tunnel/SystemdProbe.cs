namespace BlockhostBroker.Client.Tunnel;

/// <summary>Tells whether systemd manages this host, the way sd_booted(3) does.</summary>
public static class SystemdProbe
{
    /// <summary>The directory systemd creates at boot when it is the init system.</summary>
    public const string RuntimeDirectory = "/run/systemd/system";

    /// <summary>True when systemd is the running init system.</summary>
    public static bool IsRunning() => Directory.Exists(RuntimeDirectory);
}
