using BlockhostBroker.Grains.Chain;

namespace BlockhostBroker.Grains.Tests.Chain;

public sealed class RejectionBudgetTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static RejectionSpend Spend(int minutesAgo, long gas, string requester = "0xaa", string? key = null) =>
        new(key ?? $"k{minutesAgo}", requester, Now.AddMinutes(-minutesAgo), gas);

    [Fact]
    public void GasRetryAfter_UnderBudget_IsNull() =>
        Assert.Null(RejectionBudget.GasRetryAfter([Spend(10, 100_000)], gas: 100_000, budget: 300_000, Now));

    [Fact]
    public void GasRetryAfter_OverBudget_IsWhenEnoughOldSpendSlidesOut()
    {
        List<RejectionSpend> spends = [Spend(50, 100_000), Spend(40, 100_000), Spend(30, 100_000)];

        var retry = RejectionBudget.GasRetryAfter(spends, gas: 150_000, budget: 300_000, Now);

        // 300k spent: the two oldest must leave before 150k more fits, the second leaves 40 minutes ago + 1 h.
        Assert.Equal(Now.AddMinutes(20), retry);
    }

    [Fact]
    public void GasRetryAfter_SpendOlderThanAnHour_DoesNotCount() =>
        Assert.Null(RejectionBudget.GasRetryAfter([Spend(61, 1_000_000)], gas: 100_000, budget: 200_000, Now));

    [Fact]
    public void GasRetryAfter_EmptyWindowAndRejectionAboveBudget_LetsOneThrough() =>
        Assert.Null(RejectionBudget.GasRetryAfter([], gas: 500_000, budget: 100_000, Now));

    [Fact]
    public void GasRetryAfter_ZeroBudget_MeansNoLimit() =>
        Assert.Null(RejectionBudget.GasRetryAfter([Spend(1, long.MaxValue / 2)], gas: 1_000_000, budget: 0, Now));

    [Fact]
    public void RequesterRetryAfter_AtLimit_IsWhenTheirOldestSlidesOut()
    {
        List<RejectionSpend> spends = [Spend(50, 1, "0xAA"), Spend(45, 1, "0xbb"), Spend(20, 1, "0xaa")];

        var retry = RejectionBudget.RequesterRetryAfter(spends, "0xaa", limit: 2, Now);

        Assert.Equal(Now.AddMinutes(10), retry);
    }

    [Fact]
    public void RequesterRetryAfter_OtherRequestersSpend_DoesNotCount() =>
        Assert.Null(RejectionBudget.RequesterRetryAfter([Spend(5, 1, "0xbb"), Spend(4, 1, "0xbb")], "0xaa", limit: 2, Now));

    [Fact]
    public void RequesterRetryAfter_ZeroLimit_MeansNoLimit() =>
        Assert.Null(RejectionBudget.RequesterRetryAfter([Spend(5, 1), Spend(4, 1)], "0xaa", limit: 0, Now));

    [Fact]
    public void Settle_ReplacesReservedGasOfThatKeyOnly()
    {
        List<RejectionSpend> spends = [Spend(5, 120_000, key: "a"), Spend(4, 120_000, key: "b")];

        var settled = RejectionBudget.Settle(spends, "a", gasUsed: 61_000);

        Assert.Equal([61_000L, 120_000L], settled.Select(s => s.Gas));
    }
}
