namespace BlockhostBroker.TestSupport.Chain;

/// <summary>
/// An automining anvil with BrokerRegistry and BrokerRequests deployed by forge script. Account 0 deploys and
/// administers the registry; account 1 is the broker's operator (owner of BrokerRequests). Share it as a
/// collection fixture: deployment costs a few seconds.
/// </summary>
public class BrokerChain : AnvilChain
{
    /// <summary>A chain with default options.</summary>
    public BrokerChain() { }

    /// <summary>A chain with the given options (derive to choose them).</summary>
    protected BrokerChain(AnvilOptions options) : base(options) { }

    /// <summary>The deployer and registry admin (account 0).</summary>
    public DevAccount Deployer => Accounts[0];

    /// <summary>The broker's operator, owner of BrokerRequests (account 1).</summary>
    public DevAccount Operator => Accounts[1];

    /// <summary>The deployed contracts.</summary>
    public DeployedContracts Contracts { get; private set; } = null!;

    /// <inheritdoc />
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        try
        {
            Contracts = await ForgeDeploy.DeployAsync(RpcUrl, Operator, Deployer);
        }
        catch
        {
            await DisposeAsync(); // a failed fixture is not disposed by the runner
            throw;
        }
    }
}

/// <summary>A <see cref="BrokerChain"/> that mines a block every second, as a real chain keeps moving.</summary>
public sealed class OneSecondBlockChain() : BrokerChain(new AnvilOptions { BlockTimeSeconds = 1 });
