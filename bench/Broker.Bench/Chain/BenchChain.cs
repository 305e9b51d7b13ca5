using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.Bench.Chain;

/// <summary>
/// anvil with one-second blocks and enough dev accounts for bursts, with BrokerRegistry and the broker's
/// BrokerRequests deployed by forge (account 1 operates it). The baseline gets its own BrokerRequests on the same
/// chain and registry, operated by account 2, so both answer the same kind of traffic without taking each other's.
/// </summary>
public sealed class BenchChain() : BrokerChain(new AnvilOptions { BlockTimeSeconds = 1, Accounts = AccountCount })
{
    /// <summary>Requesters per side: enough senders that a burst fits in a few blocks.</summary>
    public const int RequestersPerSide = 10;

    private const int FirstRequester = 3;
    private const int AccountCount = FirstRequester + 2 * RequestersPerSide;

    /// <summary>The baseline responder's operator (owner of <see cref="BaselineRequests"/>).</summary>
    public DevAccount BaselineOperator => Accounts[2];

    /// <summary>The BrokerRequests contract the baseline answers.</summary>
    public string BaselineRequests { get; private set; } = "";

    /// <summary>The simulated servers that ask the broker.</summary>
    public IReadOnlyList<DevAccount> BrokerRequesters => [.. Accounts.Skip(FirstRequester).Take(RequestersPerSide)];

    /// <summary>The simulated servers that ask the baseline.</summary>
    public IReadOnlyList<DevAccount> BaselineRequesters => [.. Accounts.Skip(FirstRequester + RequestersPerSide).Take(RequestersPerSide)];

    /// <inheritdoc />
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var baseline = await ForgeDeploy.DeployAsync(RpcUrl, BaselineOperator, Deployer,
            new DeployOptions { ExistingRegistry = Contracts.BrokerRegistry });
        BaselineRequests = baseline.BrokerRequests;
    }
}
