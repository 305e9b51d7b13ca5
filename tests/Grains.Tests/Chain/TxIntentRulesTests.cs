using BlockhostBroker.Grains.Chain;

namespace BlockhostBroker.Grains.Tests.Chain;

public sealed class TxIntentRulesTests
{
    private static readonly TxIntent Valid = new("req:31337:0xabc:1", "0x5FbDB2315678afecb367f032d93F642f64180aa3", [0x01], TxPurpose.Rejection, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

    [Fact]
    public void Validate_WellFormed_DoesNotThrow() => TxIntentRules.Validate(Valid);

    public static TheoryData<TxIntent?> Malformed => new(
    [
        null,
        Valid with { Key = " " },
        Valid with { Key = new string('k', TxIntentRules.MaxKeyLength + 1) },
        Valid with { To = "0x5FbDB2315678afecb367f032d93F642f64180aa" },
        Valid with { To = "5FbDB2315678afecb367f032d93F642f64180aa3" },
        Valid with { Data = null! },
        Valid with { Data = new byte[TxIntentRules.MaxDataLength + 1] },
        Valid with { Purpose = (TxPurpose)9 },
        Valid with { Requester = "nobody" },
    ]);

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Validate_Malformed_ThrowsInvalidTxIntentException(TxIntent? intent) =>
        Assert.Throws<InvalidTxIntentException>(() => TxIntentRules.Validate(intent));
}
