namespace BlockhostBroker.Protocol.Keys;

/// <summary>Why a key file could not be read or written.</summary>
public enum KeyFileError
{
    /// <summary>The file does not exist.</summary>
    NotFound = 1,

    /// <summary>The file exists but could not be opened or read (permissions, a directory, I/O).</summary>
    Unreadable = 2,

    /// <summary>The content is not a key in the expected format.</summary>
    Malformed = 3,

    /// <summary>Writing was refused because the file already exists and overwriting was not asked for.</summary>
    AlreadyExists = 4,

    /// <summary>The file or its temporary sibling could not be written.</summary>
    Unwritable = 5,
}

/// <summary>A key file that could not be read or written. The message names the file and the expected format, never the key.</summary>
public sealed class KeyFileException : IOException
{
    /// <summary>Creates the error for a file, a reason and a description free of key material.</summary>
    public KeyFileException(string path, KeyFileError error, string detail, Exception? inner = null)
        : base($"key file {path}: {detail}", inner)
    {
        FilePath = path;
        Error = error;
    }

    /// <summary>The file concerned.</summary>
    public string FilePath { get; }

    /// <summary>What went wrong.</summary>
    public KeyFileError Error { get; }
}
