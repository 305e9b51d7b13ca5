using BlockhostBroker.Grains.Chain;

namespace BlockhostBroker.Grains.Tests.Chain;

public sealed class FollowDecisionTests
{
    private static readonly FollowObservation Quiet = new(HasReceipt: false, NonceUsed: false, SuspectedBefore: false, KnownToNode: true, Stuck: false);

    [Fact]
    public void Decide_HeldByNodeAndNotStuck_Waits() => Assert.Equal(FollowAction.Wait, FollowDecision.Decide(Quiet));

    [Fact]
    public void Decide_ReceiptOfAnyAttempt_RecordsItWhateverElseIsTrue() =>
        Assert.Equal(FollowAction.RecordReceipt, FollowDecision.Decide(Quiet with { HasReceipt = true, NonceUsed = true, Stuck = true, KnownToNode = false }));

    [Fact]
    public void Decide_NonceUsedWithoutReceiptFirstTime_OnlySuspects() =>
        Assert.Equal(FollowAction.SuspectNonceTaken, FollowDecision.Decide(Quiet with { NonceUsed = true, Stuck = true }));

    [Fact]
    public void Decide_NonceUsedWithoutReceiptOnSecondTick_Requeues() =>
        Assert.Equal(FollowAction.Requeue, FollowDecision.Decide(Quiet with { NonceUsed = true, SuspectedBefore = true }));

    [Fact]
    public void Decide_LostByNode_Rebroadcasts() =>
        Assert.Equal(FollowAction.Rebroadcast, FollowDecision.Decide(Quiet with { KnownToNode = false }));

    [Fact]
    public void Decide_StuckWhetherOrNotTheNodeHasIt_Replaces()
    {
        Assert.Equal(FollowAction.Replace, FollowDecision.Decide(Quiet with { Stuck = true }));
        Assert.Equal(FollowAction.Replace, FollowDecision.Decide(Quiet with { Stuck = true, KnownToNode = false }));
    }
}
