namespace BlockhostBroker.Grains.WireGuard;

/// <summary>A `wg`, `ip` or `wireguard-go` process failed; carries the command (never a secret: keys go by file) and its stderr.</summary>
[GenerateSerializer, Alias("WireGuardCommandException")]
public class WireGuardCommandException : Exception
{
    /// <summary>Creates the error for a command that exited non-zero or did not finish.</summary>
    public WireGuardCommandException(string command, int exitCode, string standardError, string? detail = null)
        : base(BuildMessage(command, exitCode, standardError, detail))
    {
        Command = command;
        ExitCode = exitCode;
        StandardError = standardError;
    }

    /// <summary>The command as run, shortened when it has many arguments.</summary>
    [Id(0)] public string Command { get; private set; }

    /// <summary>The exit code; -1 when the process did not finish or could not start.</summary>
    [Id(1)] public int ExitCode { get; private set; }

    /// <summary>What the process wrote to stderr, trimmed.</summary>
    [Id(2)] public string StandardError { get; private set; }

    private static string BuildMessage(string command, int exitCode, string stderr, string? detail) =>
        $"'{command}' failed ({detail ?? $"exit code {exitCode}"}): {(stderr.Length == 0 ? "no error output" : stderr)}";
}

/// <summary>The named WireGuard interface does not exist (in the configured network namespace).</summary>
[GenerateSerializer, Alias("WireGuardDeviceNotFoundException")]
public sealed class WireGuardDeviceNotFoundException(string command, int exitCode, string standardError)
    : WireGuardCommandException(command, exitCode, standardError);

/// <summary>A text meant to be a WireGuard key is not base64 of 32 bytes.</summary>
[GenerateSerializer, Alias("WireGuardKeyFormatException")]
public sealed class WireGuardKeyFormatException(string what)
    : FormatException($"{what} is not a WireGuard key (base64 of 32 bytes, 44 characters, as `wg pubkey` prints)");

/// <summary>A text meant to be an allowed-ip ("address/length") is not one.</summary>
[GenerateSerializer, Alias("AllowedIpFormatException")]
public sealed class AllowedIpFormatException(string input, string reason)
    : FormatException($"'{input}' is not an allowed-ip prefix: {reason}");

/// <summary>`wg show … dump` printed something this parser does not understand; the message names the line and field, never its content (line 1 holds the private key).</summary>
[GenerateSerializer, Alias("WireGuardDumpFormatException")]
public sealed class WireGuardDumpFormatException(int line, string field)
    : FormatException($"wg show dump: line {line}: field '{field}' is not in the expected format");

/// <summary>The interface's private key file is missing, unreadable or not one base64 key line.</summary>
[GenerateSerializer, Alias("WireGuardKeyFileException")]
public sealed class WireGuardKeyFileException(string path, string reason)
    : IOException($"WireGuard private key file '{path}': {reason}");
