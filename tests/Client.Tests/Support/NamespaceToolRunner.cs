using BlockhostBroker.Client.Tunnel;

namespace BlockhostBroker.Client.Tests.Support;

/// <summary>Runs the client's real tools (wg, ip, wireguard-go) inside a network namespace, while the client itself stays outside.</summary>
public sealed class NamespaceToolRunner(string namespaceName) : IToolRunner
{
    private readonly ProcessToolRunner _inner = new();

    /// <inheritdoc />
    public Task<ToolResult> RunAsync(ToolCommand command, CancellationToken cancellationToken) =>
        _inner.RunAsync(new ToolCommand("ip", ["netns", "exec", namespaceName, command.Program, .. command.Arguments], command.StandardInput),
            cancellationToken);
}
