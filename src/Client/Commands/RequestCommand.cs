using System.CommandLine;
using BlockhostBroker.Client.Chain;
using BlockhostBroker.Client.Cli;
using BlockhostBroker.Client.Requests;
using BlockhostBroker.Client.State;
using BlockhostBroker.Client.Tunnel;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Payloads;
using Spectre.Console;

namespace BlockhostBroker.Client.Commands;

/// <summary>
/// `request`: asks a broker for a prefix on-chain and waits for the answer. An existing allocation is reported,
/// not asked for again; a saved pending request is resumed; --force asks anew.
/// </summary>
public sealed class RequestCommand : IClientCommand
{
    private readonly RequestOptions _options = new();

    /// <summary>Declares the command.</summary>
    public RequestCommand()
    {
        Definition = new Command("request", "Ask a broker for an IPv6 prefix (by --broker-id, --region, or directly) and wait for its answer");
        _options.AddTo(Definition);
    }

    /// <inheritdoc />
    public Command Definition { get; }

    /// <inheritdoc />
    public async Task<CommandReport> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var state = context.State;
        if (!context.GetValue(_options.Force) && state.ReadAllocation() is { } existing)
            return new RequestReport(AlreadyAllocated: true, existing, null, null);
        using var chain = await ChainSession.OpenAsync(context.Globals.RpcUrl, context.Globals.ChainId, cancellationToken);
        var view = ProgressView.For(context.Environment, context.Globals.Json);
        var request = await SubmitOrResumeAsync(context, chain, view, cancellationToken);
        var watcher = new ResponseWatcher(chain.Rpc, context.Environment.Time);
        var timeout = TimeSpan.FromSeconds(context.GetValue(_options.Timeout));
        var poll = TimeSpan.FromMilliseconds(context.GetValue(_options.PollInterval));
        byte[] envelope;
        try
        {
            envelope = await view.RunAsync(progress => watcher.WaitAsync(request, timeout, poll, progress, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new InterruptedException($"request #{request.RequestId} stays pending and saved; `broker-client request` resumes waiting for it");
        }
        return await SaveAnswerAsync(context, request, envelope, cancellationToken);
    }

    private async Task<RequestRecord> SubmitOrResumeAsync(CommandContext context, ChainSession chain, IProgressView view, CancellationToken cancellationToken)
    {
        var state = context.State;
        var nftContract = context.GetValue(_options.NftContract)!;
        if (!context.GetValue(_options.Force) && state.ReadRequest() is { } saved)
        {
            CheckResumable(saved, nftContract, chain.ChainId, state);
            view.Note($"Resuming request #{saved.RequestId} (submitted in {saved.TransactionHash}).");
            return saved;
        }
        var wallet = Wallet.Load(context.GetValue(_options.WalletKey).FullName);
        var (wireGuard, ecies) = state.LoadOrCreateKeys();
        var choice = new BrokerTarget.Choice(context.GetValue(_options.BrokerId), context.GetValue(_options.Region),
            context.GetValue(_options.RequestsContract), context.GetValue(_options.BrokerPubkey));
        var broker = await BrokerTarget.ResolveAsync(chain, context.Globals.RegistryContract, choice, cancellationToken);
        if (!context.GetValue(_options.Force)
            && await new SubmittedRequestFinder(chain.Rpc, chain.ChainId).FindAsync(
                broker, nftContract, wallet.Address, wireGuard, ecies, context.Environment.Time.GetUtcNow(), cancellationToken) is { } found)
        {
            // An earlier run broadcast submitRequest and was stopped before it saved the receipt: wait for that request.
            state.WriteRequest(found);
            view.Note($"Found request #{found.RequestId} this wallet submitted in {found.TransactionHash} (block {found.SubmittedBlock}); waiting for its answer.");
            return found;
        }
        view.Note($"Asking broker {(broker.BrokerId is { } id ? $"#{id} " : "")}at {broker.RequestsContract} for a prefix for {nftContract}.");
        var request = await new RequestSubmitter(chain, wallet, context.Environment.Time)
            .SubmitAsync(broker, nftContract, wireGuard, ecies, cancellationToken);
        state.WriteRequest(request);
        view.Note($"Submitted request #{request.RequestId} in {request.TransactionHash} (block {request.SubmittedBlock}).");
        return request;
    }

    private static void CheckResumable(RequestRecord saved, string nftContract, long chainId, StateDirectory state)
    {
        if (!EthereumAddressText.SameAddress(saved.NftContract, nftContract) || saved.ChainId != chainId)
            throw new UsageException(
                $"request #{saved.RequestId} for NFT contract {saved.NftContract} on chain {saved.ChainId} is saved in {state.Root}",
                "wait for it with the same --nft-contract and chain, or ask anew with --force");
        var (_, ecies) = state.LoadOrCreateKeys();
        if (ecies.PublicKey.ToHex() != saved.ServerPubkey)
            throw new UsageException($"{state.PathOf(StateDirectory.EciesKeyFile)} is not the key request #{saved.RequestId} was sent with",
                "restore the original ecies.key, or ask anew with --force");
    }

    private async Task<CommandReport> SaveAnswerAsync(CommandContext context, RequestRecord request, byte[] envelope, CancellationToken cancellationToken)
    {
        var state = context.State;
        var (_, ecies) = state.LoadOrCreateKeys();
        var response = Open(request.RequestId, ecies, envelope, context.GetValue(_options.PrefixLength));
        state.WriteAllocation(AllocationRecord.From(response, request, context.Environment.Time.GetUtcNow()));
        var saved = SavedAllocation.Load(state);
        var device = context.GetValue(_options.Interface);
        var wgQuick = state.WgQuickPath(device);
        StateFile.WriteSecretText(wgQuick, WireGuardConfigText.WgQuick(saved.Key, saved.Peer, saved.WgQuickHeader));
        TunnelReport? tunnel = null;
        if (context.GetValue(_options.ConfigureWg))
        {
            var origin = await new TunnelConfigurator(context.Environment.Tools).BringUpAsync(device, saved.Key, saved.Peer, cancellationToken);
            tunnel = TunnelReport.From(device, origin, saved);
        }
        return new RequestReport(AlreadyAllocated: false, saved.Record, wgQuick, tunnel);
    }

    private static ResponsePayload Open(ulong requestId, Secp256k1KeyPair ecies, byte[] envelope, int prefixLength)
    {
        var opened = PayloadOpener.OpenResponse(ecies, envelope);
        if (opened.IsSuccess)
            opened = ResponseValidator.Validate(opened.Value!, prefixLength);
        return opened.Value ?? throw new InvalidResponseException(requestId, opened.Failure!.Reason, opened.Failure.Detail);
    }
}

/// <summary>What `request` ended with: a new allocation, or the one already saved.</summary>
/// <param name="AlreadyAllocated">True when an allocation was saved already and nothing was asked.</param>
/// <param name="Allocation">The allocation.</param>
/// <param name="WgQuickFile">The wg-quick file written to the state folder (new allocations only).</param>
/// <param name="Tunnel">The tunnel brought up by --configure-wg, if any.</param>
public sealed record RequestReport(bool AlreadyAllocated, AllocationRecord Allocation, string? WgQuickFile, TunnelReport? Tunnel) : CommandReport
{
    /// <inheritdoc />
    public override void WriteHuman(IAnsiConsole console)
    {
        console.Line(AlreadyAllocated
            ? $"An allocation is already saved (request #{Allocation.RequestId}); use --force to ask anew."
            : $"Allocated {Allocation.Prefix} (request #{Allocation.RequestId}).");
        console.Field("prefix", Allocation.Prefix);
        console.Field("gateway", Allocation.Gateway);
        console.Field("broker endpoint", Allocation.BrokerEndpoint);
        console.Field("broker key", Allocation.BrokerPubkey);
        if (WgQuickFile is not null)
            console.Field("wg-quick file", WgQuickFile);
        if (Tunnel is not null)
            Tunnel.WriteHuman(console);
        else if (!AlreadyAllocated)
            console.Line("Next: `broker-client configure` brings the tunnel up now, `broker-client install` at every boot.");
    }
}
