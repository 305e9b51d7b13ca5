using BlockhostBroker.Grains.Requests;

namespace BlockhostBroker.Grains.Tests.Requests;

public sealed class RequestTimingTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(1000, 30)]
    [InlineData(int.MaxValue, 30)]
    public void Backoff_DoublesFromOneSecondAndCapsAtThirty(int failures, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RequestTiming.Backoff(failures));

    [Theory]
    [InlineData(1000, 3600, 4600, false)]
    [InlineData(1000, 3600, 4601, true)]
    [InlineData(1000, 3600, 999, false)]
    public void IsExpired_OnlyStrictlyPastSubmittedAtPlusExpiration(long submittedAt, long expiration, long now, bool expected) =>
        Assert.Equal(expected, RequestTiming.IsExpired(submittedAt, expiration, now));
}
