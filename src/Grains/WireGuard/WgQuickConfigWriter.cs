using System.Globalization;
using System.Text;

namespace BlockhostBroker.Grains.WireGuard;

/// <summary>
/// Keeps "&lt;interface&gt;.conf" in wg-quick format so `wg-quick up` (or systemd's wg-quick@) restores the interface
/// and its peers after a reboot. Written atomically (temp file, fsync, rename) with mode 0600, as it holds the
/// private key; unchanged content is not rewritten.
/// </summary>
public sealed class WgQuickConfigWriter(WireGuardOptions options)
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerReadWrite | UnixFileMode.UserExecute;

    /// <summary>The file this writer keeps.</summary>
    public string FilePath => Path.Combine(options.ConfigDirectory, options.Interface + ".conf");

    /// <summary>Writes the file for these peers (public key → prefix); false when the file already said exactly this.</summary>
    public bool Write(IReadOnlyDictionary<string, string> peers)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("wg-quick files are written on Linux only");
        var content = Render(WireGuardKeyFile.ReadPrivateKey(options.PrivateKeyFile), options.GatewayCidr, options.ListenPort, peers);
        if (File.Exists(FilePath) && File.GetUnixFileMode(FilePath) == OwnerReadWrite && File.ReadAllText(FilePath) == content)
            return false;
        if (!Directory.Exists(options.ConfigDirectory))
            Directory.CreateDirectory(options.ConfigDirectory, OwnerOnlyDirectory);
        WriteAtomically(FilePath, content);
        return true;
    }

    /// <summary>The wg-quick text: [Interface] with key, address and port, then one [Peer] per allocation in key order.</summary>
    public static string Render(string privateKey, string addressCidr, int listenPort, IReadOnlyDictionary<string, string> peers)
    {
        var text = new StringBuilder()
            .AppendLine("# Kept by blockhost-broker: rewritten after every peer change; edits here are overwritten.")
            .AppendLine("[Interface]")
            .AppendLine(CultureInfo.InvariantCulture, $"PrivateKey = {WireGuardKey.Require(privateKey, "private key")}")
            .AppendLine(CultureInfo.InvariantCulture, $"Address = {addressCidr}")
            .AppendLine(CultureInfo.InvariantCulture, $"ListenPort = {listenPort}")
            .AppendLine("# The address's connected route covers every peer prefix; per-peer routes are not needed.")
            .AppendLine("Table = off");
        foreach (var (key, prefix) in peers.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.AppendLine()
                .AppendLine("[Peer]")
                .AppendLine(CultureInfo.InvariantCulture, $"PublicKey = {WireGuardKey.Require(key, "peer public key")}")
                .AppendLine(CultureInfo.InvariantCulture, $"AllowedIPs = {AllowedIp.Normalize(prefix)}");
        }
        return text.ToString();
    }

    private static void WriteAtomically(string path, string content)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("wg-quick files are written on Linux only");
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite };
            using (var stream = new FileStream(temp, fileOptions))
            {
                stream.Write(Encoding.UTF8.GetBytes(content));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
