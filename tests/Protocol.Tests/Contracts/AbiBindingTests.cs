using BlockhostBroker.Protocol.Contracts;
using BlockhostBroker.TestSupport.Chain;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace BlockhostBroker.Protocol.Tests.Contracts;

/// <summary>Our typed messages match forge's ABI JSON entry for entry: names, types, outputs, indexed flags, selectors.</summary>
public sealed class AbiBindingTests
{
    public static TheoryData<string, Type> Contracts => new()
    {
        { "BrokerRequests", typeof(BrokerRequests) },
        { "BrokerRegistry", typeof(BrokerRegistry) },
    };

    [Theory]
    [MemberData(nameof(Contracts))]
    public async Task Bindings_ComparedWithForgeAbi_CoverEveryEntryAndNothingElse(string contract, Type bindings)
    {
        await FoundryTools.EnsureContractsBuiltAsync();

        var abi = AbiSignatures.FromArtifact(FoundryTools.ArtifactPath(contract)).Select(e => e.Signature).ToHashSet();
        var ours = AbiSignatures.FromBindings(bindings, typeof(Ownable)).Select(e => e.Signature).ToHashSet();

        Assert.Empty(abi.Except(ours)); // ABI entries without a binding
        Assert.Empty(ours.Except(abi)); // bindings without an ABI entry
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public async Task Bindings_ParameterNames_MatchForgeAbiWhereNamed(string contract, Type bindings)
    {
        await FoundryTools.EnsureContractsBuiltAsync();
        var ours = AbiSignatures.FromBindings(bindings, typeof(Ownable)).ToDictionary(e => e.Signature);

        foreach (var entry in AbiSignatures.FromArtifact(FoundryTools.ArtifactPath(contract)))
        {
            var names = ours[entry.Signature].Names;
            Assert.Equal(entry.Names.Count, names.Count);
            for (var i = 0; i < names.Count; i++)
                if (entry.Names[i] != "") Assert.True(entry.Names[i] == names[i], $"{entry.Signature}: parameter {i} is '{entry.Names[i]}' in the ABI, '{names[i]}' in the binding");
        }
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public async Task FunctionSelectors_ComputedByNethereum_EqualForgeMethodIdentifiers(string contract, Type bindings)
    {
        await FoundryTools.EnsureContractsBuiltAsync();
        var forge = AbiSignatures.MethodIdentifiers(FoundryTools.ArtifactPath(contract));

        var functions = AbiSignatures.BindingTypes(bindings, typeof(Ownable))
            .Where(t => FunctionAttribute.IsFunctionType(t))
            .Select(ABITypedRegistry.GetFunctionABI)
            .ToList();

        Assert.Equal(forge.Count, functions.Count);
        foreach (var function in functions)
            Assert.Equal(forge[function.Signature], function.Sha3Signature.ToLowerInvariant());
    }

    [Fact]
    public async Task NftChecksAndOwnable_Bindings_AllAppearInTestNftAbi()
    {
        await FoundryTools.EnsureContractsBuiltAsync();
        var abi = AbiSignatures.FromArtifact(FoundryTools.ArtifactPath("TestNFT")).Select(e => e.Signature).ToHashSet();

        var ours = AbiSignatures.FromBindings(typeof(NftChecks), typeof(Ownable)).Select(e => e.Signature).ToList();

        Assert.Empty(ours.Except(abi));
    }
}
