using System.Text.Json;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Silo.Api;
using BlockhostBroker.Silo.Cli;
using BlockhostBroker.Silo.Tests.Support;

namespace BlockhostBroker.Silo.Tests.Live;

/// <summary>The admin commands against the real, running daemon: they go through its API to the grains and the chain.</summary>
[Collection(RunningBrokerCollection.Name)]
public sealed class AdminCommandTests(RunningBroker broker)
{
    private static readonly TimeSpan ServeTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Status_RunningBroker_ReportsChainPoolPeersAndWallet()
    {
        var run = await broker.CliAsync("status", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        var status = Parse<StatusReport>(run.Out);
        Assert.Equal("silo-test", status.Silo);
        Assert.Empty(status.Problems);
        Assert.Equal(broker.Chain.ChainId, status.Chain!.ChainId);
        Assert.True(status.Chain.Head > 0);
        Assert.Equal(255, status.Pool!.Capacity);
        Assert.Equal(broker.Interface, status.Peers!.Interface);
        Assert.Equal(broker.Chain.Operator.Address, status.Wallet!.Address, ignoreCase: true);
    }

    [Fact]
    public async Task Register_ThenDeactivateAndActivate_ChangesTheRegistryEntry()
    {
        var registry = new BrokerRegistryService(broker.Chain.Rpc, broker.Chain.Contracts.BrokerRegistry);

        var registered = await broker.CliAsync("register", "--region", "eu-test", "--capacity", "10", "--json");
        var deactivated = await broker.CliAsync("register", "deactivate");
        var afterDeactivate = await registry.GetBrokerAsync(Parse<RegistryActionReport>(registered.Out).Registry.BrokerId, cancellationToken: TestContext.Current.CancellationToken);
        var activated = await broker.CliAsync("register", "activate", "--json");

        Assert.True(registered.ExitCode == 0, registered.Error + registered.Out);
        var entry = Parse<RegistryActionReport>(registered.Out).Registry;
        Assert.True(entry is { Registered: true, Region: "eu-test", Capacity: 10, PubkeyMatches: true }, registered.Out);
        var onChain = await registry.GetBrokerAsync(entry.BrokerId, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(broker.EciesKey.PublicKey.ToBytes(), onChain.EncryptionPubkey);
        Assert.Equal(broker.Chain.Contracts.BrokerRequests, onChain.RequestsContract, ignoreCase: true);
        Assert.True(deactivated.ExitCode == 0, deactivated.Error);
        Assert.False(afterDeactivate.Active);
        Assert.True(Parse<RegistryActionReport>(activated.Out).Registry.Active);
        Assert.True((await registry.GetBrokerAsync(entry.BrokerId, cancellationToken: TestContext.Current.CancellationToken)).Active);
    }

    [Fact]
    public async Task Request_ServedThenReleased_ShowsEverywhereThenIsGoneEverywhere()
    {
        var ct = TestContext.Current.CancellationToken;
        var registered = await broker.CliAsync("register", "--region", "eu-test");
        Assert.True(registered.ExitCode == 0, registered.Error + registered.Out);
        var request = await ServedRequest.SubmitAsync(broker, broker.Chain.Accounts[3]);

        var shown = await WaitForAsync(async () =>
        {
            var run = await broker.CliAsync("requests", "show", request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
            return run.ExitCode == 0 && Parse<RequestView>(run.Out) is { Final: true } view ? view : null;
        });
        var allocations = Parse<List<AllocationView>>((await broker.CliAsync("allocations", "--json")).Out);
        var peers = Parse<List<PeerView>>((await broker.CliAsync("peers", "--json")).Out);
        var metrics = await WaitForAsync(async () => await MetricsAsync() is { } m && m.Contains("outcome=\"approved\"} 1", StringComparison.Ordinal) ? m : null);
        var loadReported = await WaitForAsync(async () => await CurrentLoadAsync() == 1 ? "yes" : null);

        Assert.Equal("Confirmed", shown.Status);
        Assert.Null(shown.RejectionReason);
        Assert.Contains(shown.History, h => h.Status == "PeerApplied");
        var allocation = Assert.Single(allocations, a => a.NftContract.Equals(request.NftContract, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(shown.Prefix, allocation.Prefix);
        var peer = Assert.Single(peers, p => p.PublicKey == request.WgKey.PublicKey.ToBase64());
        Assert.Equal([allocation.Prefix], peer.AllowedIps);
        Assert.Contains("blockhost_broker_answer_latency_seconds_count 1", metrics, StringComparison.Ordinal);
        Assert.Contains("blockhost_broker_pool_allocated 1", metrics, StringComparison.Ordinal);
        Assert.Equal("yes", loadReported);

        var release = await broker.CliAsync("release", request.NftContract, "--json");

        Assert.True(release.ExitCode == 0, release.Error + release.Out);
        var report = Parse<ReleaseReport>(release.Out);
        Assert.True(report is { PoolReleased: true, PeerRemoved: true, Chain.Succeeded: true }, release.Out);
        Assert.Empty(Parse<List<AllocationView>>((await broker.CliAsync("allocations", "--json")).Out));
        Assert.DoesNotContain(Parse<List<PeerView>>((await broker.CliAsync("peers", "--json")).Out), p => p.PublicKey == peer.PublicKey);
        var requests = new BrokerRequestsService(broker.Chain.Rpc, broker.Chain.Contracts.BrokerRequests);
        Assert.True((await requests.GetRequestIdOfNftContractAsync(request.NftContract, cancellationToken: ct)).IsZero);
        Assert.Equal("yes", await WaitForAsync(async () => await CurrentLoadAsync() == 0 ? "yes" : null));
    }

    [Fact]
    public async Task Release_UnknownNftContract_ExitsNotFound()
    {
        var run = await broker.CliAsync("release", "0x00000000000000000000000000000000000000aa");

        Assert.Equal((int)ExitCode.NotFound, run.ExitCode);
        Assert.Contains("holds no allocation", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestsShow_UnseenId_ExitsNotFound()
    {
        var run = await broker.CliAsync("requests", "show", "9999");

        Assert.Equal((int)ExitCode.NotFound, run.ExitCode);
        Assert.Contains("has not been seen", run.Error, StringComparison.Ordinal);
    }

    private async Task<string?> MetricsAsync()
    {
        using var http = new HttpClient { BaseAddress = broker.ApiUrl };
        return await http.GetStringAsync("metrics", TestContext.Current.CancellationToken);
    }

    private async Task<long> CurrentLoadAsync()
    {
        var registry = new BrokerRegistryService(broker.Chain.Rpc, broker.Chain.Contracts.BrokerRegistry);
        var id = await registry.GetBrokerIdOfOperatorAsync(broker.Chain.Operator.Address);
        return id.IsZero ? -1 : (long)(await registry.GetBrokerAsync(id)).CurrentLoad;
    }

    private async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow + ServeTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value)
                return value;
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        var metrics = await MetricsAsync();
        throw new TimeoutException($"not reached within {ServeTimeout}; /metrics:\n{metrics}\nthe daemon printed:\n{broker.RecentOutput}");
    }

    private static T Parse<T>(string json) => JsonSerializer.Deserialize<T>(json, AdminApiClient.Json)
        ?? throw new InvalidOperationException($"not a {typeof(T).Name}: {json}");
}
