namespace BlockhostBroker.Grains.Faults;

/// <summary>The <see cref="FaultInjection.EnvironmentVariable"/> value did not parse; the message names the known points.</summary>
public sealed class FaultPointFormatException(string message) : FormatException(message);

/// <summary>The names of <see cref="FaultPoint"/>s and the parsing of a comma-separated list of them.</summary>
public static class FaultPoints
{
    private static readonly (string Name, FaultPoint Point)[] Names =
    [
        ("after-decrypt", FaultPoint.AfterDecrypt),
        ("after-verify", FaultPoint.AfterVerify),
        ("after-allocate", FaultPoint.AfterAllocate),
        ("before-peer-recorded", FaultPoint.BeforePeerRecorded),
        ("after-peer-applied", FaultPoint.AfterPeerApplied),
        ("after-response-built", FaultPoint.AfterResponseBuilt),
        ("before-broadcast", FaultPoint.BeforeBroadcast),
        ("after-broadcast", FaultPoint.AfterBroadcast),
        ("after-submitted", FaultPoint.AfterSubmitted),
        ("before-receipt", FaultPoint.BeforeReceipt),
    ];

    /// <summary>Every point's name, in workflow order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Select(n => n.Name)];

    /// <summary>
    /// Parses "point[,point…]" (case-insensitive, blanks around names ignored); null or blank is <see cref="FaultPoint.None"/>.
    /// Throws <see cref="FaultPointFormatException"/> naming the unknown entry and the known names.
    /// </summary>
    public static FaultPoint Parse(string? text)
    {
        var points = FaultPoint.None;
        if (string.IsNullOrWhiteSpace(text))
            return points;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var match = Names.FirstOrDefault(n => string.Equals(n.Name, part, StringComparison.OrdinalIgnoreCase));
            if (match.Name is null)
                throw new FaultPointFormatException(
                    $"{FaultInjection.EnvironmentVariable}: unknown point '{part}'; known points: {string.Join(", ", All)}");
            points |= match.Point;
        }
        return points;
    }

    /// <summary>The names of the points in <paramref name="points"/>, comma-separated, in workflow order.</summary>
    public static string Format(FaultPoint points) =>
        string.Join(',', Names.Where(n => (points & n.Point) != 0).Select(n => n.Name));
}
