using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;

namespace BlockhostBroker.Silo.Tests.Live;

/// <summary>The status API's document, and the dashboard bound to loopback only.</summary>
[Collection(RunningBrokerCollection.Name)]
public sealed class HttpSurfaceTests(RunningBroker broker)
{
    [Fact]
    public async Task StatusApi_Get_AnswersJsonWithTheDocumentedParts()
    {
        using var http = new HttpClient { BaseAddress = broker.ApiUrl };

        using var response = await http.GetAsync("api/status", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = json.RootElement;
        foreach (var part in new[] { "silo", "chain", "requests", "pool", "peers", "wallet", "registry", "problems" })
            Assert.True(root.TryGetProperty(part, out _), $"no '{part}' in {root}");
        Assert.Equal(RunningBroker.UpstreamPrefix, root.GetProperty("pool").GetProperty("upstreamPrefix").GetString());
        Assert.True(root.GetProperty("requests").TryGetProperty("pendingOnChain", out _));
    }

    [Fact]
    public async Task Surfaces_EachPortServesOnlyItsOwnRoutes()
    {
        using var http = new HttpClient();

        var dashboard = await http.GetAsync($"http://127.0.0.1:{broker.DashboardPort}/", TestContext.Current.CancellationToken);
        var statusOnDashboardPort = await http.GetAsync($"http://127.0.0.1:{broker.DashboardPort}/api/status", TestContext.Current.CancellationToken);
        var dashboardOnApiPort = await http.GetAsync($"http://127.0.0.1:{broker.ApiPort}/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("html", dashboard.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, statusOnDashboardPort.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, dashboardOnApiPort.StatusCode);
    }

    [Fact]
    public async Task Dashboard_Default_RefusesConnectionsToNonLoopbackAddresses()
    {
        var others = NonLoopbackAddresses();

        var refused = new List<string>();
        foreach (var address in others)
            refused.Add(await TryConnectAsync(address, broker.DashboardPort) ? $"{address}: connected" : $"{address}: refused");
        var loopback = await TryConnectAsync(IPAddress.Loopback, broker.DashboardPort);

        Assert.True(loopback, "the dashboard does not answer on 127.0.0.1 either, so this test proves nothing");
        Assert.All(refused, r => Assert.EndsWith("refused", r, StringComparison.Ordinal));
        // Every listening socket on the port, as the kernel reports it, is bound to a loopback address.
        var bound = ListeningAddresses(broker.DashboardPort);
        Assert.NotEmpty(bound);
        Assert.All(bound, a => Assert.True(IPAddress.IsLoopback(a), $"the dashboard listens on {a}"));
    }

    private static List<IPAddress> NonLoopbackAddresses() =>
        [.. NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(u => u.Address))
            .Where(a => !IPAddress.IsLoopback(a))];

    private static async Task<bool> TryConnectAsync(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    // /proc/net/tcp and tcp6: "sl local_address rem_address st ..."; state 0A is LISTEN; addresses are hex in host byte order.
    private static List<IPAddress> ListeningAddresses(int port)
    {
        var found = new List<IPAddress>();
        foreach (var (file, v6) in new[] { ("/proc/net/tcp", false), ("/proc/net/tcp6", true) })
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = fields[1].Split(':');
                if (fields[3] == "0A" && int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                    found.Add(ParseProcAddress(local[0], v6));
            }
        }
        return found;
    }

    private static IPAddress ParseProcAddress(string hex, bool v6)
    {
        var bytes = Convert.FromHexString(hex);
        // Each 32-bit word is in little-endian order.
        for (var i = 0; i < bytes.Length; i += 4)
            Array.Reverse(bytes, i, 4);
        return new IPAddress(v6 ? bytes : bytes[..4]);
    }
}
