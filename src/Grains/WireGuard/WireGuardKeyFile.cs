namespace BlockhostBroker.Grains.WireGuard;

/// <summary>Reads the interface's private key file: one base64 key line, as `wg genkey` writes it.</summary>
public static class WireGuardKeyFile
{
    private const UnixFileMode GroupOrOtherAccess =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Returns the key text; throws <see cref="WireGuardKeyFileException"/> when the file is missing, readable by others, or not a key.</summary>
    public static string ReadPrivateKey(string path)
    {
        if (!File.Exists(path))
            throw new WireGuardKeyFileException(path, "does not exist; create it with `wg genkey > FILE` (mode 0600) or let the broker generate it");
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOtherAccess) != 0)
            throw new WireGuardKeyFileException(path, "is readable by group or others; run `chmod 600` on it");
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WireGuardKeyFileException(path, $"cannot be read ({e.Message})");
        }
        return WireGuardKey.IsValid(text)
            ? text
            : throw new WireGuardKeyFileException(path, "does not hold one base64 WireGuard key line");
    }
}
