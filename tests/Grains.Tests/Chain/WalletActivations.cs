using BlockhostBroker.Grains.Chain;
using Orleans.Core.Internal;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace BlockhostBroker.Grains.Tests.Chain;

/// <summary>Deactivates a wallet grain and waits until the silo no longer holds its activation.</summary>
internal static class WalletActivations
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Asks the grain to deactivate, then polls the management grain until its activation is gone.</summary>
    public static async Task DeactivateAsync(InProcessTestCluster cluster, IOperatorWalletGrain wallet)
    {
        var id = wallet.GetGrainId();
        await wallet.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow + Timeout;
        while ((await management.GetDetailedGrainStatistics()).Any(s => s.GrainId == id))
        {
            Assert.True(DateTime.UtcNow < deadline, $"wallet {id} is still active");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
