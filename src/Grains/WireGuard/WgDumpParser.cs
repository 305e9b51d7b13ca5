using System.Globalization;

namespace BlockhostBroker.Grains.WireGuard;

/// <summary>
/// Reads `wg show IFACE dump`: one tab-separated interface line (private-key, public-key, listen-port, fwmark),
/// then one line per peer (public-key, preshared-key, endpoint, allowed-ips, latest-handshake, transfer-rx,
/// transfer-tx, persistent-keepalive). "(none)" marks an unset value and "off" a disabled one.
/// </summary>
public static class WgDumpParser
{
    private const string None = "(none)";
    private const string Off = "off";
    private const int InterfaceFields = 4;
    private const int PeerFields = 8;

    /// <summary>Parses a whole dump; the private key is read only to note that one is set.</summary>
    public static WireGuardDevice Parse(string name, string dump)
    {
        ArgumentNullException.ThrowIfNull(dump);
        var lines = dump.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
            throw new WireGuardDumpFormatException(1, "interface line");
        var device = Fields(lines[0], InterfaceFields, 1, "interface line");
        var peers = new List<WireGuardPeer>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
            peers.Add(ParsePeer(Fields(lines[i], PeerFields, i + 1, "peer line"), i + 1));
        return new WireGuardDevice(
            name,
            HasPrivateKey: device[0] != None,
            PublicKey: OptionalKey(device[1], 1, "public-key"),
            ListenPort: ParseInt(device[2], 1, "listen-port"),
            FirewallMark: device[3] == Off ? null : ParseFirewallMark(device[3]),
            peers);
    }

    private static WireGuardPeer ParsePeer(string[] f, int line) => new(
        PublicKey: WireGuardKey.IsValid(f[0]) ? f[0] : throw new WireGuardDumpFormatException(line, "public-key"),
        HasPresharedKey: f[1] != None,
        Endpoint: f[2] == None ? null : f[2],
        AllowedIps: f[3] == None ? [] : f[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        LatestHandshake: ParseHandshake(f[4], line),
        ReceiveBytes: ParseLong(f[5], line, "transfer-rx"),
        TransmitBytes: ParseLong(f[6], line, "transfer-tx"),
        PersistentKeepaliveSeconds: f[7] == Off ? null : ParseInt(f[7], line, "persistent-keepalive"));

    private static string[] Fields(string text, int count, int line, string what)
    {
        var fields = text.Split('\t');
        return fields.Length == count ? fields : throw new WireGuardDumpFormatException(line, what);
    }

    private static string? OptionalKey(string text, int line, string field) =>
        text == None ? null : WireGuardKey.IsValid(text) ? text : throw new WireGuardDumpFormatException(line, field);

    private static DateTimeOffset? ParseHandshake(string text, int line)
    {
        var seconds = ParseLong(text, line, "latest-handshake");
        return seconds == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    // wg prints the mark in hex ("0xca6c"); accept decimal too.
    private static uint ParseFirewallMark(string text)
    {
        const string HexPrefix = "0x";
        var hex = text.StartsWith(HexPrefix, StringComparison.Ordinal);
        var digits = hex ? text.AsSpan(HexPrefix.Length) : text.AsSpan();
        var style = hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None;
        return uint.TryParse(digits, style, CultureInfo.InvariantCulture, out var mark)
            ? mark
            : throw new WireGuardDumpFormatException(1, "fwmark");
    }

    private static int ParseInt(string text, int line, string field) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new WireGuardDumpFormatException(line, field);

    private static long ParseLong(string text, int line, string field) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new WireGuardDumpFormatException(line, field);
}
