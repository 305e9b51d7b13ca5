using System.Numerics;
using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.Protocol.Keys;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.TestSupport.Chain;

namespace BlockhostBroker.Client.Tests.Support;

/// <summary>A broker registered on the fixture's chain.</summary>
/// <param name="Id">Its registry id.</param>
/// <param name="RequestsContract">Its BrokerRequests contract.</param>
/// <param name="Operator">Its operator (owner of the requests contract).</param>
/// <param name="Key">Its ECIES key; requests are encrypted to the public half.</param>
/// <param name="Region">Its region.</param>
public sealed record RegisteredBroker(ulong Id, string RequestsContract, DevAccount Operator, Secp256k1KeyPair Key, string Region);

/// <summary>
/// One anvil for the client's chain tests, with the forge-deployed registry and three registered brokers:
/// <see cref="Main"/> (active, unlimited, answered by the tests' scripted broker), <see cref="Full"/> (active, at
/// capacity) and <see cref="Inactive"/> (deactivated). Each test deploys its own TestNFT (V1: one request per NFT contract).
/// </summary>
public sealed class ClientChain : BrokerChain
{
    /// <summary>The region of <see cref="Main"/>.</summary>
    public const string MainRegion = "eu-west";

    /// <summary>The region of <see cref="Full"/>.</summary>
    public const string FullRegion = "us-east";

    /// <summary>The region of <see cref="Inactive"/>.</summary>
    public const string InactiveRegion = "ap-south";

    /// <summary>The active broker with room.</summary>
    public RegisteredBroker Main { get; private set; } = null!;

    /// <summary>An active broker whose load equals its capacity.</summary>
    public RegisteredBroker Full { get; private set; } = null!;

    /// <summary>A registered broker that deactivated itself.</summary>
    public RegisteredBroker Inactive { get; private set; } = null!;

    /// <summary>The Blockhost server's wallet, owner of the NFT contracts the tests deploy.</summary>
    public DevAccount ServerWallet => Accounts[5];

    /// <summary>A wallet that owns nothing.</summary>
    public DevAccount Stranger => Accounts[6];

    /// <summary>The registry's address.</summary>
    public string Registry => Contracts.BrokerRegistry;

    /// <inheritdoc />
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Main = await RegisterAsync(Operator, Contracts.BrokerRequests, MainRegion, capacity: 0);
        Full = await RegisterAsync(Accounts[2], await DeployRequestsAsync(Accounts[2]), FullRegion, capacity: 1);
        await CallAsync(Full.Operator, Registry, new BrokerRegistry.UpdateLoadFunction { CurrentLoad = 1 });
        Inactive = await RegisterAsync(Accounts[3], await DeployRequestsAsync(Accounts[3]), InactiveRegion, capacity: 0);
        await CallAsync(Inactive.Operator, Registry, new BrokerRegistry.DeactivateFunction());
    }

    /// <summary>Deploys a TestNFT owned by the server wallet (or another owner).</summary>
    public Task<string> NewNftAsync(DevAccount? owner = null) => DeployTestNftAsync((owner ?? ServerWallet).Address);

    /// <summary>Writes an account's private key as a wallet key file (0600) in <paramref name="directory"/>.</summary>
    public static string WriteWalletKey(string directory, DevAccount account)
    {
        var path = Path.Combine(directory, $"wallet-{account.Address}.key");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        using (var writer = new StreamWriter(new FileStream(path, options)))
            writer.WriteLine(account.PrivateKeyHex);
        return path;
    }

    /// <summary>The number of transactions an account has sent (to show that a failed command spent nothing).</summary>
    public Task<long> NonceAsync(DevAccount account) => Rpc.GetTransactionCountAsync(account.Address, BlockTag.Latest);

    /// <summary>Sends a typed contract call from an account and checks it succeeded.</summary>
    public async Task<TransactionReceiptInfo> CallAsync<TFunction>(DevAccount from, string contract, TFunction message)
        where TFunction : Nethereum.Contracts.FunctionMessage, new()
    {
        var receipt = await SendAsync(from, contract, ContractReader.Calldata(message));
        return receipt.Succeeded ? receipt : throw new InvalidOperationException($"{typeof(TFunction).Name} reverted: {receipt.TransactionHash}");
    }

    private async Task<string> DeployRequestsAsync(DevAccount owner)
    {
        var word = new byte[32];
        Convert.FromHexString(owner.Address.AsSpan(2)).CopyTo(word, 12);
        var receipt = await SendAsync(owner, null, [.. Bytecode(FoundryTools.ArtifactPath("BrokerRequests")), .. word]);
        return receipt.ContractAddress ?? throw new InvalidOperationException("BrokerRequests deployment created no contract");
    }

    private async Task<RegisteredBroker> RegisterAsync(DevAccount operatorAccount, string requests, string region, int capacity)
    {
        var key = Secp256k1KeyPair.Generate();
        var receipt = await CallAsync(operatorAccount, Registry, new BrokerRegistry.RegisterBrokerFunction
        {
            RequestsContract = requests,
            EncryptionPubkey = key.PublicKey.ToBytes(),
            Region = region,
            Capacity = new BigInteger(capacity),
        });
        var registered = EventLogs.DecodeAll<BrokerRegistry.BrokerRegisteredEvent>(receipt.Logs).Single();
        return new RegisteredBroker((ulong)registered.Event.BrokerId, requests, operatorAccount, key, region);
    }
}

/// <summary>The collection sharing one <see cref="ClientChain"/> across the chain test classes.</summary>
[CollectionDefinition(Name)]
public sealed class ChainCollection : ICollectionFixture<ClientChain>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "client chain";
}
