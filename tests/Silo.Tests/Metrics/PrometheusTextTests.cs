using BlockhostBroker.Silo.Metrics;

namespace BlockhostBroker.Silo.Tests.Metrics;

/// <summary>The exposition text the instruments produce (a fake-free unit test below the live /metrics test).</summary>
public sealed class PrometheusTextTests
{
    [Fact]
    public void WriteTo_RecordedOutcomes_CountsByOutcomeAndFillsCumulativeBuckets()
    {
        using var outcomes = new RequestOutcomes();
        using var collector = new MeterCollector();
        outcomes.Record(RequestOutcome.Approved, blocks: 2, seconds: 3.5);
        outcomes.Record(RequestOutcome.Approved, blocks: 40, seconds: 700);
        outcomes.Record(RequestOutcome.Rejected, blocks: null, seconds: 1);
        outcomes.Record(RequestOutcome.Expired, null, null);
        var writer = new PrometheusWriter();

        collector.WriteTo(writer);

        var text = writer.ToString();
        Assert.Contains("blockhost_broker_requests_total{outcome=\"approved\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("blockhost_broker_requests_total{outcome=\"rejected\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("blockhost_broker_requests_total{outcome=\"expired\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE blockhost_broker_answer_latency_blocks histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("blockhost_broker_answer_latency_blocks_bucket{le=\"2\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("blockhost_broker_answer_latency_blocks_bucket{le=\"50\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("blockhost_broker_answer_latency_blocks_bucket{le=\"+Inf\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("blockhost_broker_answer_latency_seconds_count 3\n", text, StringComparison.Ordinal);
        Assert.Contains("blockhost_broker_answer_latency_seconds_sum 704.5\n", text, StringComparison.Ordinal);
        Assert.Equal(new OutcomeCounts(2, 1, 1), outcomes.Counts);
    }

    [Fact]
    public void Labels_ValuesWithQuotesAndNewlines_AreEscaped()
    {
        var labels = PrometheusWriter.Labels([("reason", "say \"no\"\nnow"), ("a.b", "x")]);

        Assert.Equal("{a_b=\"x\",reason=\"say \\\"no\\\"\\nnow\"}", labels);
    }
}
