using System.Text.Json;
using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Protocol.Tests.Crypto;

/// <summary>One envelope eciesjs produced, with the key that opens it and the plaintext inside.</summary>
public sealed record EciesVector(string RecipientSecretKey, string RecipientPublicKey, string PlaintextUtf8, string Envelope);

/// <summary>The envelopes in shared/vectors/ecies-eciesjs.json, made by eciesjs 0.5.0 in its default configuration.</summary>
public static class EciesVectors
{
    /// <summary>How many envelopes the file holds.</summary>
    public const int ExpectedCount = 12;

    private static readonly Lazy<IReadOnlyList<EciesVector>> Loaded = new(Load);

    /// <summary>All vectors, in file order.</summary>
    public static IReadOnlyList<EciesVector> All => Loaded.Value;

    /// <summary>The file the vectors come from.</summary>
    public static string FilePath => Path.Combine(RepoPaths.Shared, "vectors", "ecies-eciesjs.json");

    /// <summary>Vector indexes for a theory.</summary>
    public static TheoryData<int> Indexes() => new(Enumerable.Range(0, ExpectedCount));

    private static IReadOnlyList<EciesVector> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(FilePath));
        return document.RootElement.GetProperty("vectors").EnumerateArray()
            .Select(v => new EciesVector(
                v.GetProperty("recipientSecretKey").GetString()!,
                v.GetProperty("recipientPublicKey").GetString()!,
                v.GetProperty("plaintextUtf8").GetString()!,
                v.GetProperty("envelope").GetString()!))
            .ToList();
    }
}
