using System.Reflection;
using System.Text;
using BlockhostBroker.Protocol.Payloads;

namespace BlockhostBroker.Protocol.Tests.Payloads;

public sealed class PayloadReasonsTests
{
    // A reason of at most 32 bytes is one storage word in the contract's rejectionReason: the cheapest to store.
    private const int StorageWord = 32;

    public static TheoryData<string> Reasons() => new(typeof(PayloadReasons)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!));

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Reason_EveryDefinedOne_FitsOneStorageWordAndStartsWithItsArea(string reason)
    {
        Assert.InRange(Encoding.UTF8.GetByteCount(reason), 1, StorageWord);
        Assert.StartsWith("payload: ", reason, StringComparison.Ordinal);
    }
}
