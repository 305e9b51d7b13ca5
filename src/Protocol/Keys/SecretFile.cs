using System.Text;

namespace BlockhostBroker.Protocol.Keys;

/// <summary>Reads and writes one-line secret files: atomically, mode 0600 from the moment the file exists, never clobbering unless asked.</summary>
internal static class SecretFile
{
    /// <summary>Largest key file read: a key is under 100 bytes, so anything bigger is not a key file.</summary>
    public const int MaxLength = 4096;

    /// <summary>Owner read and write only.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OwnerOnlyDirectory = OwnerOnly | UnixFileMode.UserExecute;

    /// <summary>Reads the file's single line with surrounding whitespace removed; throws <see cref="KeyFileException"/>.</summary>
    public static string ReadLine(string path)
    {
        byte[] content;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            content = new byte[MaxLength + 1];
            var length = stream.ReadAtLeast(content, content.Length, throwOnEndOfStream: false);
            if (length > MaxLength)
                throw new KeyFileException(path, KeyFileError.Malformed, $"larger than {MaxLength} bytes; not a key file");
            content = content[..length];
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new KeyFileException(path, KeyFileError.NotFound, "does not exist", e);
        }
        catch (Exception e) when (e is IOException and not KeyFileException or UnauthorizedAccessException)
        {
            throw new KeyFileException(path, KeyFileError.Unreadable, $"cannot be read ({e.GetType().Name})", e);
        }
        var text = Encoding.ASCII.GetString(content).Trim();
        if (text.Length == 0 || text.Contains('\n') || content.Any(b => b > 0x7F))
            throw new KeyFileException(path, KeyFileError.Malformed, "expected exactly one line of ASCII text");
        return text;
    }

    /// <summary>Writes <paramref name="line"/> plus a newline through a 0600 temporary file renamed into place.</summary>
    public static void WriteLine(string path, string line, bool overwrite)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("key files rely on Unix file modes");
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        if (!overwrite && Path.Exists(fullPath))
            throw new KeyFileException(path, KeyFileError.AlreadyExists, "already exists; refusing to overwrite a key");
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            WriteOwnerOnly(temporary, line + "\n");
            // Without overwrite this rename fails if another writer got there first, so a key is never clobbered.
            File.Move(temporary, fullPath, overwrite);
        }
        catch (IOException e) when (!overwrite && Path.Exists(fullPath))
        {
            throw new KeyFileException(path, KeyFileError.AlreadyExists, "already exists; refusing to overwrite a key", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyFileException(path, KeyFileError.Unwritable, $"cannot be written ({e.GetType().Name}: {e.Message})", e);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void WriteOwnerOnly(string path, string content)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException();
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            // The file is created 0600 (less any umask bits), so no other user can ever read the secret.
            UnixCreateMode = OwnerOnly,
        };
        using var stream = new FileStream(path, options);
        File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnly);
        stream.Write(Encoding.ASCII.GetBytes(content));
        stream.Flush(flushToDisk: true);
    }
}
