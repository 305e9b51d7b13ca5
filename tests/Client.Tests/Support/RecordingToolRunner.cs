using BlockhostBroker.Client.Tunnel;

namespace BlockhostBroker.Client.Tests.Support;

/// <summary>
/// A tool runner that records commands and answers success without running them. Used only for the systemd
/// branch, which this machine cannot exercise for real; the file-writing path below it is tested with real tools.
/// </summary>
public sealed class RecordingToolRunner : IToolRunner
{
    private readonly List<ToolCommand> _commands = [];

    /// <summary>The commands asked for, in order.</summary>
    public IReadOnlyList<ToolCommand> Commands => _commands;

    /// <inheritdoc />
    public Task<ToolResult> RunAsync(ToolCommand command, CancellationToken cancellationToken)
    {
        _commands.Add(command);
        return Task.FromResult(new ToolResult(0, "", ""));
    }
}
