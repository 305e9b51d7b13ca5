using System.Globalization;
using System.Text.Json;

namespace BlockhostBroker.Bench.Daemon;

/// <summary>
/// Where a batch of requests spent its time inside the daemon, from each request's own history (GET
/// /api/requests/{id}): for every workflow step, how many seconds after the first request was seen the last request
/// reached it. Explains a slow figure without guessing.
/// </summary>
public static class StepTimeline
{
    private static readonly string[] Steps = ["Seen", "Verified", "Allocated", "PeerApplied", "ResponseBuilt", "Submitted", "Confirmed"];

    /// <summary>"Seen +0.4 s, Verified +1.2 s, …" over the given requests.</summary>
    public static async Task<string> DescribeAsync(BrokerUnderTest broker, IEnumerable<long> requestIds)
    {
        var reached = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        foreach (var id in requestIds)
        {
            using var view = await broker.Daemon.GetJsonAsync($"api/requests/{id}");
            foreach (var step in view.RootElement.GetProperty("history").EnumerateArray())
            {
                var status = step.GetProperty("status").GetString()!;
                if (!reached.TryGetValue(status, out var times)) reached[status] = times = [];
                times.Add(step.GetProperty("at").GetDateTimeOffset());
            }
        }
        if (!reached.TryGetValue("Seen", out var seen)) return "no history";
        var start = seen.Min();
        return string.Join(", ", Steps.Where(reached.ContainsKey).Select(s =>
            string.Create(CultureInfo.InvariantCulture, $"{s} +{(reached[s].Max() - start).TotalSeconds:0.0} s")));
    }
}
