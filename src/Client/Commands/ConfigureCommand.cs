using System.CommandLine;
using BlockhostBroker.Client.Cli;
using BlockhostBroker.Client.State;
using BlockhostBroker.Client.Tunnel;
using Spectre.Console;

namespace BlockhostBroker.Client.Commands;

/// <summary>`configure`: brings the tunnel of the saved allocation up now with wg and ip (not persistent; see `install`).</summary>
public sealed class ConfigureCommand : IClientCommand
{
    private readonly Option<string> _interface = OptionParsers.Interface();

    /// <summary>Declares the command.</summary>
    public ConfigureCommand() => Definition = new Command("configure", "Bring the WireGuard tunnel of the saved allocation up now (wg and ip; not persistent)")
    {
        _interface,
    };

    /// <inheritdoc />
    public Command Definition { get; }

    /// <inheritdoc />
    public async Task<CommandReport> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var device = context.GetValue(_interface);
        var saved = SavedAllocation.Load(context.State);
        var origin = await new TunnelConfigurator(context.Environment.Tools).BringUpAsync(device, saved.Key, saved.Peer, cancellationToken);
        return TunnelReport.From(device, origin, saved);
    }
}

/// <summary>The tunnel `configure` (or `request --configure-wg`) brought up.</summary>
/// <param name="Interface">The interface name.</param>
/// <param name="Link">Whether it existed, or was created by the kernel or wireguard-go.</param>
/// <param name="Address">This server's tunnel address with the prefix length.</param>
/// <param name="Prefix">The allocated prefix.</param>
/// <param name="Gateway">The broker's tunnel address.</param>
/// <param name="Endpoint">The broker's WireGuard endpoint.</param>
public sealed record TunnelReport(string Interface, LinkOrigin Link, string Address, string Prefix, string Gateway, string Endpoint) : CommandReport
{
    /// <summary>Builds the report from a brought-up allocation.</summary>
    public static TunnelReport From(string device, LinkOrigin link, SavedAllocation saved) => new(
        device, link, $"{saved.Peer.Address}/{saved.Peer.Prefix.Length}", saved.Record.Prefix, saved.Record.Gateway, saved.Record.BrokerEndpoint);

    /// <inheritdoc />
    public override void WriteHuman(IAnsiConsole console)
    {
        var how = Link switch
        {
            LinkOrigin.Kernel => "created (kernel WireGuard)",
            LinkOrigin.Userspace => "created (wireguard-go)",
            _ => "reconfigured",
        };
        console.Line($"Tunnel {Interface} is up, {how}:");
        console.Field("address", Address);
        console.Field("gateway", Gateway);
        console.Field("broker", Endpoint);
        console.Line($"Not persistent: run `broker-client install --wg-interface {Interface}` to bring it up at boot.");
    }
}
