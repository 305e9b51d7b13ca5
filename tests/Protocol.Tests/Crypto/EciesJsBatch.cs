using System.Text.Json;
using System.Text.Json.Nodes;
using BlockhostBroker.TestSupport;

namespace BlockhostBroker.Protocol.Tests.Crypto;

/// <summary>Runs tools/ecies-batch.mjs once for a whole batch, so eciesjs itself encrypts or decrypts hundreds of items in one node process.</summary>
public static class EciesJsBatch
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>The batch script, in the source tree.</summary>
    public static string ScriptPath => RepoPaths.At("tests", "Protocol.Tests", "tools", "ecies-batch.mjs");

    /// <summary>eciesjs encrypts each plaintext to its public key (both hex); returns the envelopes in order.</summary>
    public static Task<IReadOnlyList<byte[]>> EncryptAsync(IEnumerable<(string PublicKeyHex, byte[] Plaintext)> items) =>
        RunAsync("encrypt", items.Select(i => new JsonObject
        {
            ["publicKey"] = i.PublicKeyHex,
            ["plaintext"] = Convert.ToHexStringLower(i.Plaintext),
        }));

    /// <summary>eciesjs decrypts each envelope with its secret key (hex); returns the plaintexts in order.</summary>
    public static Task<IReadOnlyList<byte[]>> DecryptAsync(IEnumerable<(string SecretKeyHex, byte[] Envelope)> items) =>
        RunAsync("decrypt", items.Select(i => new JsonObject
        {
            ["secretKey"] = i.SecretKeyHex,
            ["envelope"] = Convert.ToHexStringLower(i.Envelope),
        }));

    private static async Task<IReadOnlyList<byte[]>> RunAsync(string mode, IEnumerable<JsonObject> items)
    {
        var request = new JsonObject { ["mode"] = mode, ["items"] = new JsonArray([.. items]) };
        var result = await ProcessRunner.RunAsync("node", [ScriptPath], request.ToJsonString(), Deadline);
        result.EnsureSuccess($"node {ScriptPath} ({mode})");
        using var document = JsonDocument.Parse(result.StdOut);
        return document.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => Convert.FromHexString(r.GetString()!))
            .ToList();
    }
}
