using BlockhostBroker.Grains.Chain;
using BlockhostBroker.TestSupport.Chain;
using static BlockhostBroker.Grains.Tests.Chain.WalletTestKit;

namespace BlockhostBroker.Grains.Tests.Chain;

/// <summary>An anvil that mines one block a second, like a real chain.</summary>
public sealed class OneSecondBlocksWalletFixture() : WalletChainFixture(new AnvilOptions { BlockTimeSeconds = 1 }, wallets: 1);

public sealed class OperatorWalletBurstTests(OneSecondBlocksWalletFixture fixture, ITestOutputHelper output)
    : IClassFixture<OneSecondBlocksWalletFixture>
{
    private const int Burst = 50;

    // Pipelined nonces put the whole burst in the next block or two; one transaction per block would take 50.
    private const int MaxBlocksForBurst = 10;

    [Fact]
    public async Task Submit_FiftyIntentsBackToBack_GetConsecutiveNoncesAndLandInFewBlocks()
    {
        var wallet = fixture.Wallet(1);
        await SubmitMined(wallet, Register(fixture.Registry));
        var intents = Enumerable.Range(1, Burst).Select(i => UpdateLoad(fixture.Registry, i)).ToList();

        var submitted = await Task.WhenAll(intents.Select(wallet.Submit));
        var mined = new List<TxStatus.Mined>();
        foreach (var intent in intents)
            mined.Add(Assert.IsType<TxStatus.Mined>(await UntilFinal(wallet, intent.Key, timeout: TimeSpan.FromSeconds(60))));

        var nonces = submitted.Select(s => Assert.IsType<TxStatus.Pending>(s).Nonce).Order().ToList();
        Assert.Equal(Enumerable.Range((int)nonces[0], Burst).Select(n => (long)n), nonces);
        Assert.All(mined, m => Assert.True(m.Succeeded));
        var blocks = mined.Select(m => m.BlockNumber).Distinct().Count();
        output.WriteLine($"{Burst} intents mined in {blocks} block(s): {string.Join(", ", mined.GroupBy(m => m.BlockNumber).Select(g => $"#{g.Key}: {g.Count()}"))}");
        Assert.InRange(blocks, 1, MaxBlocksForBurst);
    }
}
