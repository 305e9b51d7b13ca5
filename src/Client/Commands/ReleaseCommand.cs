using System.CommandLine;
using BlockhostBroker.Client.Cli;
using BlockhostBroker.Client.State;
using BlockhostBroker.Client.Tunnel;
using Spectre.Console;

namespace BlockhostBroker.Client.Commands;

/// <summary>
/// `release`: forgets the allocation locally. It sends nothing on-chain: in V1 only the broker's operator may call
/// releaseAllocation. With --cleanup-wg it also removes the interface, its source rule and the wg-quick file.
/// </summary>
public sealed class ReleaseCommand : IClientCommand
{
    private readonly Option<string> _interface = OptionParsers.Interface();
    private readonly Option<bool> _cleanup = new("--cleanup-wg") { Description = "also remove the interface and its wg-quick file" };
    private readonly Option<string> _configDirectory = new("--wg-config-dir")
    {
        Description = "folder holding the installed <iface>.conf",
        HelpName = "DIR",
        DefaultValueFactory = _ => WgQuickInstaller.DefaultConfigDirectory,
    };

    /// <summary>Declares the command.</summary>
    public ReleaseCommand() => Definition = new Command("release", "Remove the local allocation (nothing on-chain: V1 reserves releaseAllocation for the broker)")
    {
        _cleanup,
        _interface,
        _configDirectory,
    };

    /// <inheritdoc />
    public Command Definition { get; }

    /// <inheritdoc />
    public async Task<CommandReport> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var state = context.State;
        var device = context.GetValue(_interface);
        var allocation = state.ReadAllocation();
        var request = state.ReadRequest();
        if (allocation is null && request is null && !context.GetValue(_cleanup))
            throw new NoAllocationException(state.Root);
        var report = new ReleaseReport { Interface = device, RequestId = allocation?.RequestId ?? request?.RequestId, NftContract = allocation?.NftContract ?? request?.NftContract };
        if (context.GetValue(_cleanup))
            report = await CleanUpTunnelAsync(context, device, allocation, report, cancellationToken);
        return report with { RemovedFiles = [.. report.RemovedFiles, .. state.DeleteAllocationState(device)] };
    }

    private async Task<ReleaseReport> CleanUpTunnelAsync(
        CommandContext context, string device, AllocationRecord? allocation, ReleaseReport report, CancellationToken cancellationToken)
    {
        var installer = new WgQuickInstaller(context.Environment.Tools, context.Environment.SystemdIsRunning);
        var removedConfig = await installer.UninstallAsync(context.GetValue(_configDirectory), device, cancellationToken);
        var peer = allocation?.ToTunnelPeer();
        var removedLink = await new TunnelConfigurator(context.Environment.Tools).TearDownAsync(device, peer, cancellationToken);
        return report with { InterfaceRemoved = removedLink, RemovedFiles = removedConfig is null ? [] : [removedConfig] };
    }
}

/// <summary>What `release` removed.</summary>
public sealed record ReleaseReport : CommandReport
{
    /// <summary>The interface name.</summary>
    public required string Interface { get; init; }

    /// <summary>The request id of the released allocation (or abandoned request), if one was saved.</summary>
    public ulong? RequestId { get; init; }

    /// <summary>The NFT contract it was for, if known.</summary>
    public string? NftContract { get; init; }

    /// <summary>True when --cleanup-wg removed an interface.</summary>
    public bool InterfaceRemoved { get; init; }

    /// <summary>The files deleted.</summary>
    public IReadOnlyList<string> RemovedFiles { get; init; } = [];

    /// <inheritdoc />
    public override void WriteHuman(IAnsiConsole console)
    {
        console.Line(RequestId is null ? "No allocation was saved." : $"Released request #{RequestId} locally.");
        if (InterfaceRemoved)
            console.Line($"Removed interface {Interface}.");
        foreach (var file in RemovedFiles)
            console.Line($"Deleted {file}.");
        if (RequestId is not null)
            console.Line($"On-chain, request #{RequestId} stays with the broker until its operator releases it (V1: releaseAllocation is the broker's).");
    }
}
