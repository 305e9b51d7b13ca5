using System.Net;
using BlockhostBroker.Grains.Chain;

namespace BlockhostBroker.Grains.Tests.Chain;

public sealed class SiloDeparturesTests
{
    private static readonly SiloAddress A = Silo(11111), B = Silo(22222), C = Silo(33333);

    [Fact]
    public void Observe_FirstLook_IsNoDeparture() => Assert.False(new SiloDepartures().Observe([A, B]));

    [Fact]
    public void Observe_SameOrMoreSilos_IsNoDeparture()
    {
        var departures = new SiloDepartures();
        departures.Observe([A, B]);

        Assert.False(departures.Observe([A, B]));
        Assert.False(departures.Observe([A, B, C]));
    }

    [Fact]
    public void Observe_ASiloGone_IsADepartureOnce()
    {
        var departures = new SiloDepartures();
        departures.Observe([A, B, C]);

        Assert.True(departures.Observe([A, C]));
        Assert.False(departures.Observe([A, C]));
    }

    [Fact]
    public void Observe_ASiloReplacedByANewOne_IsADeparture()
    {
        // A restarted silo comes back as a new generation: the old one still left.
        var departures = new SiloDepartures();
        departures.Observe([A, B]);

        Assert.True(departures.Observe([A, SiloAddress.New(B.Endpoint, B.Generation + 1)]));
    }

    private static SiloAddress Silo(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1);
}
