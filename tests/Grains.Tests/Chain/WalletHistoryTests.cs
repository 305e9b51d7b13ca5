using BlockhostBroker.Grains.Chain;

namespace BlockhostBroker.Grains.Tests.Chain;

public sealed class WalletHistoryTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static KeyValuePair<string, DateTimeOffset> Finished(string key, double hoursAgo) =>
        KeyValuePair.Create(key, Now.AddHours(-hoursAgo));

    [Fact]
    public void KeysToForget_OlderThanRetention_AreForgotten()
    {
        var forget = WalletHistory.KeysToForget([Finished("old", 25), Finished("new", 1)], Now, TimeSpan.FromHours(24), 100);

        Assert.Equal(["old"], forget);
    }

    [Fact]
    public void KeysToForget_OverCount_ForgetsOldestFirst()
    {
        var forget = WalletHistory.KeysToForget(
            [Finished("c", 1), Finished("a", 3), Finished("b", 2)], Now, TimeSpan.FromHours(24), maxEntries: 1);

        Assert.Equal(["a", "b"], forget);
    }

    [Fact]
    public void Prune_KeepsInFlightEntriesWhateverTheirAge()
    {
        var intent = new TxIntent("flying", "0x01", [], TxPurpose.Admin, null);
        var state = new WalletState();
        state.Transactions["flying"] = new WalletTx { Intent = intent, CreatedAt = Now.AddDays(-3) };
        state.Transactions["done"] = new WalletTx
        {
            Intent = intent with { Key = "done" }, CreatedAt = Now.AddDays(-3), Phase = WalletTxPhase.Mined, FinishedAt = Now.AddDays(-2),
        };

        var removed = WalletHistory.Prune(state, Now, TimeSpan.FromHours(24), maxEntries: 0);

        Assert.Equal(1, removed);
        Assert.Equal(["flying"], state.Transactions.Keys);
    }
}
