using BlockhostBroker.Client.Tunnel;

namespace BlockhostBroker.Client.Cli;

/// <summary>
/// What the client takes from the machine it runs on: its output streams, the runner for wg/ip/systemctl,
/// environment variables and whether systemd manages the host. Tests substitute each part.
/// </summary>
public sealed record ClientEnvironment
{
    /// <summary>Where command results go (human text or the one JSON document).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Where errors, usage and progress go.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>True when stdout is a terminal, so text may use colours.</summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>True when stderr is a terminal, so a live status line can be drawn there.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>Runs wg, ip, wireguard-go and systemctl.</summary>
    public required IToolRunner Tools { get; init; }

    /// <summary>True when systemd manages this host (so `install` enables wg-quick@&lt;iface&gt;).</summary>
    public required Func<bool> SystemdIsRunning { get; init; }

    /// <summary>Reads an environment variable (ETH_RPC_URL, ETH_CHAIN_ID, BROKER_REGISTRY_CONTRACT).</summary>
    public required Func<string, string?> GetVariable { get; init; }

    /// <summary>The clock used for timeouts and timestamps.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The real machine: the process's console, real tools, real environment.</summary>
    public static ClientEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        OutIsTerminal = !Console.IsOutputRedirected,
        ErrorIsTerminal = !Console.IsErrorRedirected,
        Tools = new ProcessToolRunner(),
        SystemdIsRunning = SystemdProbe.IsRunning,
        GetVariable = Environment.GetEnvironmentVariable,
    };
}
