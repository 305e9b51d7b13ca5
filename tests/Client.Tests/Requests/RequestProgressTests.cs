using BlockhostBroker.Client.Requests;

namespace BlockhostBroker.Client.Tests.Requests;

public sealed class RequestProgressTests
{
    [Fact]
    public void ToString_Pending_ShowsBlocksWaitAndExpiry()
    {
        var progress = new RequestProgress(3, 4, TimeSpan.FromSeconds(12), "pending", TimeSpan.FromDays(1));

        Assert.Equal("request #3: pending · 4 blocks · 00:12 waited · expires in 24:00:00", progress.ToString());
    }

    [Fact]
    public void ToString_OneBlockNoExpiry_UsesSingularAndOmitsExpiry()
    {
        var progress = new RequestProgress(9, 1, TimeSpan.FromMinutes(61), "chain unreachable, retrying (eth_getLogs)", null);

        Assert.Equal("request #9: chain unreachable, retrying (eth_getLogs) · 1 block · 1:01:00 waited", progress.ToString());
    }
}
