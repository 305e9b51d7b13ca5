using BlockhostBroker.Grains.PrefixPool;
using BlockhostBroker.Protocol.Addressing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;

namespace BlockhostBroker.Grains.WireGuard;

/// <summary>
/// Owns one WireGuard interface on the silo that holds it. Reconciles it with the prefix pool at activation and on
/// a timer, applies single peers in batches, and rewrites the wg-quick file after every change.
/// </summary>
// Reentrant so ApplyPeer calls that arrive while a `wg` call runs can join the next batch; the device gate keeps
// changes to the interface one at a time.
[InterfaceHostPlacement, Reentrant, Immovable]
public sealed partial class WireGuardGrain(
    IServiceProvider services,
    IOptionsMonitor<WireGuardOptions> optionsMonitor,
    InterfaceHostRegistry hosts,
    ILogger<WireGuardGrain> logger) : Grain, IWireGuardGrain
{
    private readonly SemaphoreSlim _deviceGate = new(1, 1);
    private Dictionary<string, string> _desired = new(StringComparer.Ordinal);
    // The wg-quick file is written only once the pool's allocations are known, so it never drops peers.
    private bool _desiredLoaded;
    private PeerChangeBatch? _openBatch;
    private WireGuardOptions _options = null!;
    private IWireGuardClient _client = null!;
    private WgQuickConfigWriter? _configWriter;

    private string Interface => _options.Interface;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var name = this.GetPrimaryKeyString();
        _options = optionsMonitor.Get(name);
        if (_options.Interface != name || !hosts.IsLocal(name))
            throw new InterfaceNotHostedHereException(name, hosts.LocalSiloName);
        _client = services.GetRequiredKeyedService<IWireGuardClient>(name);
        _configWriter = _options.ConfigDirectory.Length > 0 ? new WgQuickConfigWriter(_options) : null;
        if (_options.ProvisionInterface)
            await services.GetRequiredKeyedService<WireGuardInterfaceProvisioner>(name).Ensure(cancellationToken);
        var interval = _options.ReconcileInterval;
        this.RegisterGrainTimer(ReconcileOnTimer, new GrainTimerCreationOptions(interval, interval) { Interleave = true, KeepAlive = true });
        await ReconcileOnTimer(cancellationToken);
    }

    /// <inheritdoc />
    public Task ApplyPeer(string wgPubkey, string prefix)
    {
        var key = WireGuardKey.Require(wgPubkey, nameof(wgPubkey));
        var normalized = RequireInsideUpstream(prefix);
        var batch = OpenBatch();
        batch.Assign(key, normalized);
        return batch.Outcome;
    }

    /// <inheritdoc />
    public Task RemovePeer(string wgPubkey)
    {
        var key = WireGuardKey.Require(wgPubkey, nameof(wgPubkey));
        var batch = OpenBatch();
        batch.Remove(key);
        return batch.Outcome;
    }

    /// <inheritdoc />
    public async Task<ReconcileReport> Reconcile()
    {
        await _deviceGate.WaitAsync();
        try
        {
            // Read the pool inside the gate: every ApplyPeer already applied had its allocation made first.
            var allocations = await GrainFactory.GetGrain<IPrefixPoolGrain>(0).List();
            var desired = DesiredPeers(allocations);
            var device = await GetOrRecreateDevice();
            var plan = PeerReconciler.Plan(desired, device.Peers);
            await _client.ConfigureDevice(Interface, plan.Config);
            _desired = desired;
            _desiredLoaded = true;
            WriteConfigFile();
            var report = plan.Report;
            if (plan.Config.IsEmpty)
                LogInSync(Interface, report.Unchanged);
            else
                LogReconciled(Interface, report.Added, report.Removed, report.Fixed, report.Unchanged);
            return report;
        }
        finally
        {
            _deviceGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WireGuardPeerStatus>> GetPeers()
    {
        var device = await _client.GetDevice(Interface);
        return [.. device.Peers.Select(p => new WireGuardPeerStatus(
            p.PublicKey, p.AllowedIps, p.Endpoint, p.LatestHandshake, p.ReceiveBytes, p.TransmitBytes))];
    }

    /// <inheritdoc />
    public async Task<WireGuardGatewayInfo> GetGatewayInfo()
    {
        var device = await _client.GetDevice(Interface);
        var publicKey = device.PublicKey ?? throw new WireGuardInterfaceNotReadyException(Interface, "it has no private key yet");
        return new WireGuardGatewayInfo(Interface, publicKey, _options.PublicEndpoint, _options.Gateway.ToString(), _options.Upstream.ToString());
    }

    // An interface that vanished (wireguard-go killed, link deleted) is created again when provisioning is on.
    private async Task<WireGuardDevice> GetOrRecreateDevice()
    {
        try
        {
            return await _client.GetDevice(Interface);
        }
        catch (WireGuardDeviceNotFoundException) when (_options.ProvisionInterface)
        {
            LogRecreating(Interface);
            await services.GetRequiredKeyedService<WireGuardInterfaceProvisioner>(Interface).Ensure();
            return await _client.GetDevice(Interface);
        }
    }

    private PeerChangeBatch OpenBatch()
    {
        if (_openBatch is { } open)
            return open;
        var batch = _openBatch = new PeerChangeBatch();
        _ = ApplyWhenReady(batch);
        return batch;
    }

    private async Task ApplyWhenReady(PeerChangeBatch batch)
    {
        // Let calls already queued on this activation join before the batch closes.
        await Task.Yield();
        await _deviceGate.WaitAsync();
        try
        {
            if (ReferenceEquals(_openBatch, batch))
                _openBatch = null;
            await _client.ConfigureDevice(Interface, batch.ToDeviceConfig());
            foreach (var (key, prefix) in batch.Changes)
            {
                if (prefix is null) _desired.Remove(key);
                else _desired[key] = prefix;
            }
            WriteConfigFile();
            LogBatchApplied(Interface, batch.Changes.Count);
            batch.Complete(null);
        }
        catch (Exception e)
        {
            batch.Complete(e);
        }
        finally
        {
            _deviceGate.Release();
        }
    }

    private async Task ReconcileOnTimer(CancellationToken cancellationToken)
    {
        try
        {
            await Reconcile();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReconcileFailed(e, Interface);
        }
    }

    private Dictionary<string, string> DesiredPeers(IReadOnlyList<Allocation> allocations)
    {
        var (desired, skipped) = PeerReconciler.DesiredFrom(allocations, _options.Upstream);
        foreach (var allocation in skipped)
            LogAllocationSkipped(Interface, allocation.NftContract, allocation.Prefix);
        return desired;
    }

    private string RequireInsideUpstream(string prefix)
    {
        var upstream = _options.Upstream;
        return Ipv6Prefix.Parse(prefix) is var parsed && upstream.Contains(parsed)
            ? AllowedIp.Normalize(prefix)
            : throw new PeerPrefixOutsideUpstreamException(prefix, upstream.ToString());
    }

    private void WriteConfigFile()
    {
        if (_configWriter is null || !_desiredLoaded)
            return;
        try
        {
            _configWriter.Write(_desired);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The pool stays the source of truth and activation reconciles from it, so peers are not lost.
            LogConfigWriteFailed(e, _configWriter.FilePath);
        }
    }
}
