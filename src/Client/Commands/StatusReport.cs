using BlockhostBroker.Client.Cli;
using BlockhostBroker.Client.State;
using BlockhostBroker.Client.Tunnel;
using Spectre.Console;

namespace BlockhostBroker.Client.Commands;

/// <summary>A request as the contract holds it.</summary>
/// <param name="RequestsContract">The contract read.</param>
/// <param name="RequestId">The request id (0 when the NFT contract has none).</param>
/// <param name="Status">pending, approved, rejected, expired, or none.</param>
/// <param name="RejectionReason">The broker's reason for a rejection.</param>
/// <param name="SubmittedAt">When it was included (block time).</param>
/// <param name="RespondedAt">When the broker answered (block time).</param>
public sealed record OnChainRequest(
    string RequestsContract, ulong RequestId, string Status, string? RejectionReason, DateTimeOffset? SubmittedAt, DateTimeOffset? RespondedAt);

/// <summary>What `status` found.</summary>
public sealed record StatusReport : CommandReport
{
    /// <summary>The state folder read.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The saved allocation, if any.</summary>
    public AllocationRecord? Allocation { get; init; }

    /// <summary>The saved request, if any.</summary>
    public RequestRecord? Request { get; init; }

    /// <summary>The request's state on-chain, when one could be looked up.</summary>
    public OnChainRequest? OnChain { get; init; }

    /// <summary>Why the chain could not be read, if it could not.</summary>
    public string? ChainError { get; init; }

    /// <summary>The tunnel interface.</summary>
    public TunnelStatus? Tunnel { get; init; }

    /// <inheritdoc />
    public override void WriteHuman(IAnsiConsole console)
    {
        if (Allocation is { } allocation)
        {
            console.Line($"Allocation (request #{allocation.RequestId}, saved {allocation.AllocatedAt:u}):");
            console.Field("prefix", allocation.Prefix);
            console.Field("gateway", allocation.Gateway);
            console.Field("broker endpoint", allocation.BrokerEndpoint);
            console.Field("nft contract", allocation.NftContract);
        }
        else if (Request is { } request)
        {
            console.Line($"Request #{request.RequestId} for {request.NftContract} is saved, with no answer yet.");
            console.Line("Run `broker-client request` with the same --nft-contract to wait for it.");
        }
        else
        {
            console.Line($"No allocation saved in {StateDirectory}.");
        }
        if (OnChain is { } onChain)
            console.Line(onChain.RequestId == 0
                ? $"On-chain: no request for this NFT contract in {onChain.RequestsContract}."
                : $"On-chain: request #{onChain.RequestId} is {onChain.Status}{(onChain.RejectionReason is null ? "" : $" ({onChain.RejectionReason})")}.");
        if (ChainError is not null)
            console.Line($"On-chain: unknown ({ChainError}).");
        if (Tunnel is { } tunnel)
            console.Line(!tunnel.Present ? $"Tunnel {tunnel.Interface}: down."
                : tunnel.LatestHandshake is { } handshake ? $"Tunnel {tunnel.Interface}: up, last handshake {handshake:u}, {tunnel.ReceivedBytes} B in, {tunnel.SentBytes} B out."
                : $"Tunnel {tunnel.Interface}: up, no handshake yet.");
    }
}
