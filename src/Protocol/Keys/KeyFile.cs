namespace BlockhostBroker.Protocol.Keys;

/// <summary>
/// Key files in the seed's format. The ECIES secret is one line of 64 hex digits without 0x (0x is
/// accepted when reading); the WireGuard private key is one line of base64, as <c>wg genkey</c> writes.
/// Files are written atomically with mode 0600 and never overwritten unless asked.
/// </summary>
public static class KeyFile
{
    /// <summary>Reads an ECIES (secp256k1) secret key file; throws <see cref="KeyFileException"/> naming the file.</summary>
    public static Secp256k1KeyPair ReadEciesKey(string path)
    {
        var line = SecretFile.ReadLine(path);
        try
        {
            return Secp256k1KeyPair.FromSecretHex(line);
        }
        catch (KeyFormatException e)
        {
            throw new KeyFileException(path, KeyFileError.Malformed,
                $"expected one line of {Secp256k1KeyPair.SecretLength * 2} hex digits (optionally prefixed 0x): {e.Message}", e);
        }
    }

    /// <summary>Writes an ECIES secret as 64 lowercase hex digits; throws <see cref="KeyFileException"/> if the file exists and <paramref name="overwrite"/> is false.</summary>
    public static void WriteEciesKey(string path, Secp256k1KeyPair key, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        SecretFile.WriteLine(path, key.ExportSecretHex(), overwrite);
    }

    /// <summary>Reads a WireGuard private key file; throws <see cref="KeyFileException"/> naming the file.</summary>
    public static WireGuardKeyPair ReadWireGuardKey(string path)
    {
        var line = SecretFile.ReadLine(path);
        try
        {
            return WireGuardKeyPair.FromPrivateKeyBase64(line);
        }
        catch (KeyFormatException e)
        {
            throw new KeyFileException(path, KeyFileError.Malformed,
                $"expected one line of {WireGuardKey.Base64Length} base64 characters as `wg genkey` writes: {e.Message}", e);
        }
    }

    /// <summary>Writes a WireGuard private key as one base64 line; throws <see cref="KeyFileException"/> if the file exists and <paramref name="overwrite"/> is false.</summary>
    public static void WriteWireGuardKey(string path, WireGuardKeyPair key, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        SecretFile.WriteLine(path, key.ExportPrivateKeyBase64(), overwrite);
    }

    /// <summary>Reads an existing ECIES key file, or generates a key and writes it (0600) when the file is missing.</summary>
    public static Secp256k1KeyPair LoadOrCreateEciesKey(string path) =>
        File.Exists(path) ? ReadEciesKey(path) : CreateEcies(path);

    /// <summary>Reads an existing WireGuard key file, or generates a key and writes it (0600) when the file is missing.</summary>
    public static WireGuardKeyPair LoadOrCreateWireGuardKey(string path) =>
        File.Exists(path) ? ReadWireGuardKey(path) : CreateWireGuard(path);

    private static Secp256k1KeyPair CreateEcies(string path)
    {
        var key = Secp256k1KeyPair.Generate();
        WriteEciesKey(path, key);
        return key;
    }

    private static WireGuardKeyPair CreateWireGuard(string path)
    {
        var key = WireGuardKeyPair.Generate();
        WriteWireGuardKey(path, key);
        return key;
    }
}
