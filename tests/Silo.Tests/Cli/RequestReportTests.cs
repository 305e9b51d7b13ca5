using BlockhostBroker.Silo.Api;
using BlockhostBroker.Silo.Cli;

namespace BlockhostBroker.Silo.Tests.Cli;

public sealed class RequestReportTests
{
    private static readonly RequestHistoryView Seen = new("Seen", DateTimeOffset.UnixEpoch, null);

    [Fact]
    public void Request_StepFailingNow_ShowsWhatItRetriesAfter()
    {
        var view = new RequestView(7, "Verified", false, "0xabc", "0xdef", null, null, null, null, [Seen],
            "EthereumRpcUnavailableException: connection refused");
        using var text = new StringWriter();

        TextReports.Request(view, text);

        Assert.Contains("retrying    EthereumRpcUnavailableException: connection refused", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Request_NothingFailing_HasNoRetryLine()
    {
        var view = new RequestView(7, "Confirmed", true, "0xabc", "0xdef", "2001:db8::100/120", null, "0x01", 3, [Seen]);
        using var text = new StringWriter();

        TextReports.Request(view, text);

        Assert.DoesNotContain("retrying", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("request     7: Confirmed (final)", text.ToString(), StringComparison.Ordinal);
    }
}
