using System.CommandLine;
using BlockhostBroker.Client.Chain;
using BlockhostBroker.Client.Cli;
using Spectre.Console;

namespace BlockhostBroker.Client.Commands;

/// <summary>`list-brokers`: the registry's active brokers, optionally of one region.</summary>
public sealed class ListBrokersCommand : IClientCommand
{
    private readonly Option<string?> _region = new("--region") { Description = "only brokers in this region", HelpName = "R" };

    /// <summary>Declares the command.</summary>
    public ListBrokersCommand() => Definition = new Command("list-brokers", "List the active brokers of the registry (--registry-contract)")
    {
        _region,
    };

    /// <inheritdoc />
    public Command Definition { get; }

    /// <inheritdoc />
    public async Task<CommandReport> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var registry = context.Globals.RegistryContract
            ?? throw new UsageException("list-brokers needs --registry-contract (or BROKER_REGISTRY_CONTRACT)");
        using var chain = await ChainSession.OpenAsync(context.Globals.RpcUrl, context.Globals.ChainId, cancellationToken);
        var region = context.GetValue(_region);
        var brokers = await new BrokerDirectory(chain.Rpc, registry).ActiveAsync(region, cancellationToken);
        return new ListBrokersReport(registry, chain.ChainId, region, brokers);
    }
}

/// <summary>The active brokers found.</summary>
/// <param name="Registry">The registry read.</param>
/// <param name="ChainId">Its chain.</param>
/// <param name="Region">The region filter, if any.</param>
/// <param name="Brokers">The active brokers, in id order.</param>
public sealed record ListBrokersReport(string Registry, long ChainId, string? Region, IReadOnlyList<BrokerListing> Brokers) : CommandReport
{
    /// <summary>How many hex digits of a broker key the table shows.</summary>
    public const int KeyPreviewLength = 16;

    /// <inheritdoc />
    public override void WriteHuman(IAnsiConsole console)
    {
        var where = Region is null ? "" : $" in region '{Region}'";
        if (Brokers.Count == 0)
        {
            console.Line($"No active brokers{where} in registry {Registry}.");
            return;
        }
        var table = new Table().AddColumns("id", "region", "requests contract", "load / capacity", "encryption key");
        foreach (var broker in Brokers)
        {
            var capacity = broker.Capacity.IsZero ? "unlimited" : broker.Capacity.ToString();
            table.AddRow(Markup.Escape(broker.Id.ToString()), Markup.Escape(broker.Region), Markup.Escape(broker.RequestsContract),
                Markup.Escape($"{broker.CurrentLoad} / {capacity}"), Markup.Escape(broker.EncryptionPubkey[..Math.Min(KeyPreviewLength, broker.EncryptionPubkey.Length)] + "…"));
        }
        console.Line($"{Brokers.Count} active broker{(Brokers.Count == 1 ? "" : "s")}{where}:");
        console.Write(table);
    }
}
