using System.Numerics;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.TestSupport.Chain;
using static BlockhostBroker.Protocol.Contracts.BrokerRegistry;

namespace BlockhostBroker.Protocol.Tests.Contracts;

/// <summary>Every BrokerRegistry function and view, called through our bindings against the forge-deployed contract on anvil.</summary>
[Collection(ChainCollection.Name)]
public sealed class BrokerRegistryChainTests(BrokerChain chain)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly BrokerRegistryService registry = new(chain.Rpc, chain.Contracts.BrokerRegistry);

    [Fact]
    public async Task RegisterBroker_NewOperator_IsReadableThroughEveryView()
    {
        var op = chain.Accounts[6];
        var requests = ChainSteps.RandomAddress();
        var pubkey = UncompressedKey();
        var region = $"eu-test-{Guid.NewGuid():N}";

        var receipt = await chain.ExecuteAsync(op, registry.Address,
            new RegisterBrokerFunction { RequestsContract = requests, EncryptionPubkey = pubkey, Region = region, Capacity = 250 });

        var ev = receipt.SingleEvent<BrokerRegisteredEvent>();
        Assert.True(ChainSteps.SameAddress(op.Address, ev.Operator) && ChainSteps.SameAddress(requests, ev.RequestsContract) && ev.Region == region);
        var id = ev.BrokerId;
        var broker = await registry.GetBrokerAsync(id, cancellationToken: Ct);
        Assert.Equal(pubkey, broker.EncryptionPubkey);
        Assert.Equal((region, true, new BigInteger(250), BigInteger.Zero), (broker.Region, broker.Active, broker.Capacity, broker.CurrentLoad));
        Assert.True(broker.RegisteredAt > 0 && ChainSteps.SameAddress(op.Address, broker.Operator) && ChainSteps.SameAddress(requests, broker.RequestsContract));
        var record = await registry.GetBrokerRecordAsync(id, cancellationToken: Ct);
        Assert.Equal(pubkey, record.EncryptionPubkey);
        Assert.Equal((region, broker.RegisteredAt), (record.Region, record.RegisteredAt));
        Assert.Equal(id, await registry.GetBrokerCountAsync(cancellationToken: Ct));
        Assert.True(await registry.IsOperatorAsync(op.Address, cancellationToken: Ct));
        Assert.Equal(id, await registry.GetBrokerIdOfOperatorAsync(op.Address, cancellationToken: Ct));
        Assert.Equal(id, await registry.GetBrokerIdOfRequestsContractAsync(requests, cancellationToken: Ct));
        Assert.Contains(id, (await registry.GetActiveBrokersAsync(cancellationToken: Ct)).Ids);
        var byRegion = await registry.GetActiveBrokersByRegionAsync(region, cancellationToken: Ct);
        Assert.Equal([id], byRegion.Ids);
        Assert.Equal(region, Assert.Single(byRegion.Active).Region);
    }

    [Fact]
    public async Task Updates_ByOperator_ChangeBrokerAndEmitEvents()
    {
        var (op, id) = await RegisterAsync(chain.Accounts[7]);
        var newKey = UncompressedKey();

        var key = await chain.ExecuteAsync(op, registry.Address, new UpdateEncryptionPubkeyFunction { EncryptionPubkey = newKey });
        var region = await chain.ExecuteAsync(op, registry.Address, new UpdateRegionFunction { Region = "ap-südost" });
        var capacity = await chain.ExecuteAsync(op, registry.Address, new UpdateCapacityFunction { Capacity = 0 });
        var load = await chain.ExecuteAsync(op, registry.Address, new UpdateLoadFunction { CurrentLoad = 42 });
        var off = await chain.ExecuteAsync(op, registry.Address, new DeactivateFunction());
        var inactive = await registry.GetBrokerAsync(id, cancellationToken: Ct);
        var on = await chain.ExecuteAsync(op, registry.Address, new ActivateFunction());

        Assert.All(new[] { key, region, capacity }, r => Assert.Equal(id, r.SingleEvent<BrokerUpdatedEvent>().BrokerId));
        Assert.Equal((id, new BigInteger(42)), (load.SingleEvent<BrokerLoadUpdatedEvent>().BrokerId, load.SingleEvent<BrokerLoadUpdatedEvent>().CurrentLoad));
        Assert.True(ChainSteps.SameAddress(op.Address, off.SingleEvent<BrokerDeactivatedEvent>().Operator));
        Assert.Equal(id, on.SingleEvent<BrokerActivatedEvent>().BrokerId);
        Assert.False(inactive.Active);
        var broker = await registry.GetBrokerAsync(id, cancellationToken: Ct);
        Assert.Equal(newKey, broker.EncryptionPubkey);
        Assert.Equal(("ap-südost", BigInteger.Zero, new BigInteger(42), true), (broker.Region, broker.Capacity, broker.CurrentLoad, broker.Active));
    }

    [Fact]
    public async Task RemoveBroker_ByRegistryOwner_DeactivatesAndFreesOperator()
    {
        var (op, id) = await RegisterAsync(chain.Accounts[8]);
        var owner = await registry.GetOwnerAsync(cancellationToken: Ct);

        var receipt = await chain.ExecuteAsync(chain.Deployer, registry.Address, new RemoveBrokerFunction { BrokerId = id });

        Assert.True(ChainSteps.SameAddress(chain.Deployer.Address, owner));
        Assert.Equal(id, receipt.SingleEvent<BrokerDeactivatedEvent>().BrokerId);
        Assert.False(await registry.IsOperatorAsync(op.Address, cancellationToken: Ct));
        Assert.Equal(BigInteger.Zero, await registry.GetBrokerIdOfOperatorAsync(op.Address, cancellationToken: Ct));
        Assert.False((await registry.GetBrokerAsync(id, cancellationToken: Ct)).Active);
        Assert.DoesNotContain(id, (await registry.GetActiveBrokersAsync(cancellationToken: Ct)).Ids);
    }

    [Fact]
    public async Task RegistryReverts_CarryTheirExactReasons()
    {
        var (op, _) = await RegisterAsync(chain.Accounts[9]);
        var taken = (await registry.GetBrokerAsync(await registry.GetBrokerIdOfOperatorAsync(op.Address, cancellationToken: Ct), cancellationToken: Ct)).RequestsContract;
        var fresh = chain.Accounts[5];

        string[] reasons =
        [
            (await Revert(fresh, new RegisterBrokerFunction { RequestsContract = "0x0000000000000000000000000000000000000000", EncryptionPubkey = UncompressedKey() })).Reason ?? "",
            (await Revert(fresh, new RegisterBrokerFunction { RequestsContract = ChainSteps.RandomAddress(), EncryptionPubkey = new byte[33] })).Reason ?? "",
            (await Revert(op, new RegisterBrokerFunction { RequestsContract = ChainSteps.RandomAddress(), EncryptionPubkey = UncompressedKey() })).Reason ?? "",
            (await Revert(fresh, new RegisterBrokerFunction { RequestsContract = taken, EncryptionPubkey = UncompressedKey() })).Reason ?? "",
            (await Revert(op, new UpdateEncryptionPubkeyFunction { EncryptionPubkey = new byte[64] })).Reason ?? "",
            (await Revert(fresh, new UpdateLoadFunction { CurrentLoad = 1 })).Reason ?? "",
            (await Revert(chain.Deployer, new RemoveBrokerFunction { BrokerId = 1_000_000 })).Reason ?? "",
        ];

        Assert.Equal(
            ["Invalid requests contract", "Pubkey must be 65 bytes (uncompressed secp256k1)", "Operator already registered",
             "Requests contract already registered", "Pubkey must be 65 bytes", "Not a registered operator", "Invalid broker ID"],
            reasons);
        Assert.Equal("Invalid broker ID", (await Assert.ThrowsAsync<ContractRevertException>(() => registry.GetBrokerAsync(0, cancellationToken: Ct))).Reason);
    }

    private async Task<(DevAccount Operator, BigInteger Id)> RegisterAsync(DevAccount op)
    {
        var receipt = await chain.ExecuteAsync(op, registry.Address, new RegisterBrokerFunction
        {
            RequestsContract = ChainSteps.RandomAddress(), EncryptionPubkey = UncompressedKey(), Region = "eu", Capacity = 10,
        });
        return (op, receipt.SingleEvent<BrokerRegisteredEvent>().BrokerId);
    }

    private Task<ContractRevertException> Revert<TFunction>(DevAccount from, TFunction message)
        where TFunction : Nethereum.Contracts.FunctionMessage, new() =>
        chain.RevertOfAsync(from, registry.Address, message);

    private static byte[] UncompressedKey() => Protocol.Keys.Secp256k1KeyPair.Generate().PublicKey.ToBytes();
}
