using System.Diagnostics;

namespace BlockhostBroker.Grains.Faults;

/// <summary>
/// Crash testing: when <see cref="EnvironmentVariable"/> names a <see cref="FaultPoint"/>, the process kills itself
/// with SIGKILL the first time the workflow reaches that point — no shutdown code runs and nothing is flushed, as in
/// a power cut. Read once per process from the environment only (never from the config file); unset, a reached
/// point costs one test of a static read-only field.
/// </summary>
public static class FaultInjection
{
    /// <summary>The variable: a comma-separated list of point names (<see cref="FaultPoints.All"/>).</summary>
    public const string EnvironmentVariable = "BLOCKHOST_BROKER_KILL_AT";

    private static readonly (FaultPoint Points, string? Error) Setting = Read();

    /// <summary>The armed points; <see cref="FaultPoint.None"/> when the variable is unset or does not parse.</summary>
    public static FaultPoint Armed => Setting.Points;

    /// <summary>Why the variable did not parse, or null; the host refuses to start with it.</summary>
    public static string? Error => Setting.Error;

    /// <summary>Kills the process at once when <paramref name="point"/> is armed.</summary>
    public static void Reach(FaultPoint point)
    {
        if ((Setting.Points & point) != 0)
            Kill(point);
    }

    private static void Kill(FaultPoint point)
    {
        // One unbuffered line so the test's output says why the process vanished; the logger's queue is not flushed.
        Console.Error.WriteLine($"{EnvironmentVariable}: reached {FaultPoints.Format(point)}; SIGKILL to self");
        Process.GetCurrentProcess().Kill(); // SIGKILL on Unix
    }

    private static (FaultPoint, string?) Read()
    {
        try
        {
            return (FaultPoints.Parse(Environment.GetEnvironmentVariable(EnvironmentVariable)), null);
        }
        catch (FaultPointFormatException e)
        {
            return (FaultPoint.None, e.Message);
        }
    }
}
