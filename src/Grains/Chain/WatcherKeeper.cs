using BlockhostBroker.Grains.Requests;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlockhostBroker.Grains.Chain;

/// <summary>
/// Runs on every silo and asks the chain watcher for its status every few seconds. When the watcher's silo dies, the
/// next ask activates it on a survivor (which catches up from the pending list) once the cluster has declared the
/// silo dead; its reminder alone would bring it back only at the next tick, up to a minute later.
/// </summary>
public sealed partial class WatcherKeeper(
    IGrainFactory grains, IOptions<RequestWorkflowOptions> options, TimeProvider clock, ILogger<WatcherKeeper> logger) : BackgroundService
{
    /// <summary>How often each silo asks.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watcher = grains.GetGrain<IChainWatcherGrain>(options.Value.WatcherKey.ToString());
        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await watcher.GetStatus().WaitAsync(Period, clock, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Before the silo is up, or while a dead silo is not yet declared dead: the next tick asks again.
                LogAskFailed(logger, error.GetType().Name, error.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Chain watcher keeper: the watcher did not answer ({Error}: {Message}); asking again")]
    private static partial void LogAskFailed(ILogger logger, string error, string message);
}
