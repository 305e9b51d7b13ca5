using BlockhostBroker.Grains.Chain;

namespace BlockhostBroker.Grains.Tests.Chain;

public sealed class ChainWatcherDeliveryTests
{
    [Fact]
    public async Task DeliverAsync_OneReceiverNeverAnswers_OthersAreDeliveredAndItIsReportedTimedOut()
    {
        var delivered = new List<int>();
        var never = new TaskCompletionSource();

        var failures = await ChainWatcherDelivery.DeliverAsync(
            [1, 2, 3, 4], i => i == 2 ? never.Task : Record(delivered, i), maxConcurrency: 2, TimeSpan.FromMilliseconds(200), TimeProvider.System);

        var failure = Assert.Single(failures);
        Assert.Equal(2, failure.Item);
        Assert.IsType<TimeoutException>(failure.Error);
        Assert.Equal([1, 3, 4], delivered.Order());
    }

    [Fact]
    public async Task DeliverAsync_ReceiverThrows_IsReportedWithItsError()
    {
        var failures = await ChainWatcherDelivery.DeliverAsync(
            ["a", "b"], s => s == "a" ? throw new InvalidOperationException("boom") : Task.CompletedTask, 4, TimeSpan.FromSeconds(5), TimeProvider.System);

        Assert.Equal("boom", Assert.Single(failures).Error.Message);
    }

    [Fact]
    public async Task DeliverAsync_NeverRunsMoreThanTheCapAtOnce()
    {
        var running = 0;
        var peak = 0;

        await ChainWatcherDelivery.DeliverAsync(Enumerable.Range(0, 20).ToList(), async _ =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(5);
            Interlocked.Decrement(ref running);
        }, maxConcurrency: 3, TimeSpan.FromSeconds(5), TimeProvider.System);

        Assert.InRange(peak, 1, 3);
    }

    private static Task Record(List<int> delivered, int i)
    {
        lock (delivered) delivered.Add(i);
        return Task.CompletedTask;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
