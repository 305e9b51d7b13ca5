using BlockhostBroker.Grains.Faults;

namespace BlockhostBroker.Grains.Tests.Faults;

public sealed class FaultPointsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_UnsetOrBlank_ArmsNothing(string? text) =>
        Assert.Equal(FaultPoint.None, FaultPoints.Parse(text));

    [Theory]
    [InlineData("after-decrypt", FaultPoint.AfterDecrypt)]
    [InlineData("after-allocate", FaultPoint.AfterAllocate)]
    [InlineData("after-peer-applied", FaultPoint.AfterPeerApplied)]
    [InlineData("after-broadcast", FaultPoint.AfterBroadcast)]
    [InlineData("before-receipt", FaultPoint.BeforeReceipt)]
    [InlineData("AFTER-Decrypt", FaultPoint.AfterDecrypt)]
    public void Parse_OneName_ArmsThatPoint(string text, FaultPoint expected) =>
        Assert.Equal(expected, FaultPoints.Parse(text));

    [Fact]
    public void Parse_CommaSeparatedWithBlanks_ArmsEveryNamedPoint() =>
        Assert.Equal(FaultPoint.AfterDecrypt | FaultPoint.BeforeReceipt, FaultPoints.Parse(" after-decrypt , before-receipt "));

    [Fact]
    public void Parse_EveryKnownName_RoundTripsThroughFormat()
    {
        var all = FaultPoints.Parse(string.Join(',', FaultPoints.All));

        Assert.Equal(FaultPoints.All.Count, System.Numerics.BitOperations.PopCount((uint)all));
        Assert.Equal(string.Join(',', FaultPoints.All), FaultPoints.Format(all));
    }

    [Theory]
    [InlineData("after-decript")]
    [InlineData("after-decrypt,,before-receipt")]
    [InlineData("after_decrypt")]
    [InlineData("1")]
    public void Parse_UnknownOrEmptyEntry_ThrowsNamingTheVariableAndTheKnownPoints(string text)
    {
        var error = Assert.Throws<FaultPointFormatException>(() => FaultPoints.Parse(text));

        Assert.Contains(FaultInjection.EnvironmentVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains("after-peer-applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Armed_InTheTestProcessWithoutTheVariable_IsNone()
    {
        Assert.Null(Environment.GetEnvironmentVariable(FaultInjection.EnvironmentVariable));
        Assert.Equal(FaultPoint.None, FaultInjection.Armed);
        Assert.Null(FaultInjection.Error);
    }
}
