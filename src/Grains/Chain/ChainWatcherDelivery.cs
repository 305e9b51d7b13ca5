namespace BlockhostBroker.Grains.Chain;

/// <summary>One hand-over that did not complete: the item and why.</summary>
public sealed record DeliveryFailure<T>(T Item, Exception Error);

/// <summary>
/// Hands items on concurrently with a cap, giving each at most a deadline, so one slow or failing receiver never
/// stalls the rest. A hand-over that misses its deadline keeps running in the background; it is only no longer waited for.
/// </summary>
public static class ChainWatcherDelivery
{
    /// <summary>Delivers every item (at most <paramref name="maxConcurrency"/> at once) and returns the ones that failed or timed out.</summary>
    public static async Task<IReadOnlyList<DeliveryFailure<T>>> DeliverAsync<T>(
        IReadOnlyCollection<T> items, Func<T, Task> deliver, int maxConcurrency, TimeSpan timeout, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxConcurrency);
        using var gate = new SemaphoreSlim(maxConcurrency);
        var outcomes = await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync();
            try
            {
                await deliver(item).WaitAsync(timeout, clock);
                return null;
            }
            catch (Exception error)
            {
                return new DeliveryFailure<T>(item, error);
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. outcomes.OfType<DeliveryFailure<T>>()];
    }
}
