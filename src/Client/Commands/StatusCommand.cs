using System.CommandLine;
using System.Numerics;
using BlockhostBroker.Client.Chain;
using BlockhostBroker.Client.Cli;
using BlockhostBroker.Client.State;
using BlockhostBroker.Client.Tunnel;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Rpc;

namespace BlockhostBroker.Client.Commands;

/// <summary>
/// `status`: the saved allocation and request, the request's state on-chain, and the tunnel interface. Reads only;
/// an unreachable chain is reported in the output rather than failing the command.
/// </summary>
public sealed class StatusCommand : IClientCommand
{
    private readonly Option<string> _interface = OptionParsers.Interface();
    private readonly Option<string?> _nftContract = OptionParsers.Address("--nft-contract", "look up this NFT contract's request on-chain (with --requests-contract)");
    private readonly Option<string?> _requestsContract = OptionParsers.Address("--requests-contract", "the BrokerRequests contract to look in");

    /// <summary>Declares the command.</summary>
    public StatusCommand() => Definition = new Command("status", "Show the saved allocation, the request's state on-chain and the tunnel")
    {
        _interface,
        _nftContract,
        _requestsContract,
    };

    /// <inheritdoc />
    public Command Definition { get; }

    /// <inheritdoc />
    public async Task<CommandReport> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var state = context.State;
        var report = new StatusReport { StateDirectory = state.Root, Allocation = state.ReadAllocation(), Request = state.ReadRequest() };
        var device = context.GetValue(_interface);
        var dump = await new TunnelConfigurator(context.Environment.Tools).DumpAsync(device, cancellationToken);
        report = report with { Tunnel = TunnelStatus.Parse(device, dump) };
        var lookup = Lookup(context, report);
        if (lookup is null)
            return report;
        try
        {
            using var chain = await ChainSession.OpenAsync(context.Globals.RpcUrl, context.Globals.ChainId, cancellationToken);
            return report with { OnChain = await ReadOnChainAsync(chain, lookup.Value, cancellationToken) };
        }
        catch (Exception e) when (e is ChainUnavailableException or EthereumRpcException or ContractOutputException)
        {
            return report with { ChainError = e.Message };
        }
    }

    // Which request to look up: the saved one, else the one --nft-contract has in --requests-contract.
    private (string Contract, ulong? RequestId, string? NftContract)? Lookup(CommandContext context, StatusReport report)
    {
        if (report.Request is { } request)
            return (request.RequestsContract, request.RequestId, null);
        if (report.Allocation is { } allocation)
            return (allocation.RequestsContract, allocation.RequestId, null);
        if (context.GetValue(_nftContract) is { } nft && context.GetValue(_requestsContract) is { } contract)
            return (contract, null, nft);
        return null;
    }

    private static async Task<OnChainRequest> ReadOnChainAsync(
        ChainSession chain, (string Contract, ulong? RequestId, string? NftContract) lookup, CancellationToken cancellationToken)
    {
        var reader = new ContractReader(chain.Rpc, lookup.Contract);
        var id = lookup.RequestId ?? (ulong)await reader.QueryAsync<BrokerRequests.NftContractToRequestIdFunction, BigInteger>(
            new BrokerRequests.NftContractToRequestIdFunction { NftContract = lookup.NftContract! }, cancellationToken: cancellationToken);
        if (id == 0)
            return new OnChainRequest(lookup.Contract, 0, "none", null, null, null);
        var request = (await reader.QueryDtoAsync<BrokerRequests.GetRequestFunction, BrokerRequests.GetRequestOutput>(
            new BrokerRequests.GetRequestFunction { RequestId = id }, cancellationToken: cancellationToken)).Request;
        return new OnChainRequest(lookup.Contract, id, request.Status.ToString().ToLowerInvariant(),
            string.IsNullOrEmpty(request.RejectionReason) ? null : request.RejectionReason,
            DateTimeOffset.FromUnixTimeSeconds((long)request.SubmittedAt),
            request.RespondedAt.IsZero ? null : DateTimeOffset.FromUnixTimeSeconds((long)request.RespondedAt));
    }
}
