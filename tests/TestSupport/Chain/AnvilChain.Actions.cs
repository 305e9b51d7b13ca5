using System.Numerics;
using System.Text.Json;
using BlockhostBroker.Protocol.Rpc;
using BlockhostBroker.Protocol.Transactions;

namespace BlockhostBroker.TestSupport.Chain;

/// <summary>Chain actions for tests: time travel, snapshots, and transactions signed offline from dev accounts.</summary>
public partial class AnvilChain
{
    /// <summary>Gas limit used by <see cref="SendAsync"/> when none is given.</summary>
    public const long DefaultGasLimit = 3_000_000;

    private static readonly TimeSpan ReceiptTimeout = TimeSpan.FromSeconds(30);
    private static readonly BigInteger MinimumTip = 1_000_000_000; // 1 gwei
    private readonly SemaphoreSlim sendGate = new(1, 1);

    /// <summary>Moves the chain's clock forward and mines a block so the new time is visible to calls.</summary>
    public async Task IncreaseTimeAsync(long seconds)
    {
        await Rpc.RequestAsync("evm_increaseTime", [seconds]);
        await MineAsync();
    }

    /// <summary>Mines one block now.</summary>
    public Task MineAsync() => Rpc.RequestAsync("evm_mine", []);

    /// <summary>Takes a snapshot of the chain state; revert to it with <see cref="RevertAsync"/>.</summary>
    public async Task<string> SnapshotAsync() => (string)(await Rpc.RequestAsync("evm_snapshot", []))!;

    /// <summary>Reverts to a snapshot (which is consumed).</summary>
    public async Task RevertAsync(string snapshotId)
    {
        var ok = await Rpc.RequestAsync("evm_revert", [snapshotId]);
        if (!(bool)ok) throw new InvalidOperationException($"evm_revert {snapshotId} failed");
    }

    /// <summary>
    /// Signs a transaction offline for <paramref name="from"/> (pending nonce, suggested fees), sends it and waits for
    /// the receipt; throws when the node refuses it. A null <paramref name="to"/> deploys <paramref name="data"/>.
    /// </summary>
    public async Task<TransactionReceiptInfo> SendAsync(DevAccount from, string? to, byte[] data, long gasLimit = DefaultGasLimit, BigInteger value = default)
    {
        SignedTransaction signed;
        await sendGate.WaitAsync(); // one nonce at a time per chain
        try
        {
            var nonce = await Rpc.GetTransactionCountAsync(from.Address, BlockTag.Pending);
            var fees = await FeeSuggester.SuggestAsync(Rpc, MinimumTip);
            signed = from.Signer.Sign(new Eip1559TransactionRequest(ChainId, nonce, to, data, gasLimit, fees, value));
            var result = await TransactionBroadcaster.BroadcastAsync(Rpc, signed);
            if (!result.IsSent)
                throw new InvalidOperationException($"anvil refused the transaction: {result.Outcome} {result.NodeMessage}");
        }
        finally
        {
            sendGate.Release();
        }
        return await ReceiptPoller.WaitAsync(Rpc, signed.Hash, ReceiptTimeout, TimeSpan.FromMilliseconds(50));
    }

    /// <summary>
    /// Deploys a test NFT contract (ERC721 + Ownable) owned by <paramref name="owner"/>: TestNFT, or another contract of
    /// contracts-foundry/src/test whose constructor takes only the owner (e.g. SwitchableNFT); returns its address.
    /// </summary>
    public async Task<string> DeployTestNftAsync(string owner, DevAccount? deployer = null, string contract = "TestNFT")
    {
        var receipt = await SendAsync(deployer ?? Accounts[0], null, await TestNftCreationCodeAsync(owner, contract));
        if (!receipt.Succeeded || receipt.ContractAddress is null)
            throw new InvalidOperationException($"{contract} deployment failed: {receipt.TransactionHash}");
        return Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress(receipt.ContractAddress);
    }

    /// <summary>The transaction data that deploys a test NFT contract owned by <paramref name="owner"/> (built by forge first if needed).</summary>
    public static async Task<byte[]> TestNftCreationCodeAsync(string owner, string contract = "TestNFT")
    {
        await FoundryTools.EnsureContractsBuiltAsync();
        return [.. Bytecode(FoundryTools.ArtifactPath(contract)), .. AddressWord(owner)];
    }

    /// <summary>The creation bytecode in a forge artifact.</summary>
    public static byte[] Bytecode(string artifactPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(artifactPath));
        var hex = json.RootElement.GetProperty("bytecode").GetProperty("object").GetString()!;
        return Convert.FromHexString(hex.StartsWith("0x", StringComparison.Ordinal) ? hex[2..] : hex);
    }

    private static byte[] AddressWord(string address)
    {
        var word = new byte[32];
        Convert.FromHexString(address.AsSpan(2)).CopyTo(word, 12);
        return word;
    }
}
