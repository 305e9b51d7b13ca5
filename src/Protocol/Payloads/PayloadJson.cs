using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace BlockhostBroker.Protocol.Payloads;

/// <summary>The checks every payload passes before its fields are read: size, UTF-8, JSON, object, no duplicate properties.</summary>
public static class PayloadJson
{
    /// <summary>
    /// Largest payload accepted: 16 KiB. Real payloads are 150–300 bytes; the cap bounds parsing work
    /// and leaves room for additive fields.
    /// </summary>
    public const int MaxPayloadLength = 16 * 1024;

    /// <summary>Deepest nesting accepted; the protocol's objects are flat.</summary>
    public const int MaxDepth = 8;

    private const int MaxExcerptLength = 80;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>Writer settings: compact, and base64's '+' and '/' written as themselves (the JSON is never embedded in HTML).</summary>
    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Parses the bytes into a document whose root is an object with unique property names; throws <see cref="PayloadFormatException"/>.</summary>
    internal static JsonDocument Open(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxPayloadLength)
            PayloadFormatException.Throw(PayloadError.TooLarge, PayloadReasons.TooLarge,
                $"{utf8.Length} bytes exceeds the {MaxPayloadLength}-byte limit");
        if (!Utf8.IsValid(utf8))
            PayloadFormatException.Throw(PayloadError.NotUtf8, PayloadReasons.NotUtf8, "the bytes are not valid UTF-8");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new PayloadFormatException(new PayloadFailure(PayloadError.NotJson, PayloadReasons.NotJson, e.Message));
        }
        try
        {
            CheckObject(document.RootElement);
            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>Reads a required string property; throws <see cref="PayloadFormatException"/> when missing or of another JSON type.</summary>
    internal static string ReadString(JsonElement root, string field, string missingReason, string badReason)
    {
        if (!root.TryGetProperty(field, out var value))
            PayloadFormatException.Throw(PayloadError.MissingField, missingReason, $"{field} is missing");
        if (value.ValueKind != JsonValueKind.String)
            PayloadFormatException.Throw(PayloadError.WrongFieldType, badReason, $"{field} must be a string, got {value.ValueKind}");
        return value.GetString()!;
    }

    /// <summary>The start of a client-supplied text for a log detail, so a hostile payload cannot flood logs.</summary>
    internal static string Excerpt(string text) => text.Length <= MaxExcerptLength ? text : text[..MaxExcerptLength] + "…";

    private static void CheckObject(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            PayloadFormatException.Throw(PayloadError.NotObject, PayloadReasons.NotObject, $"the root is {root.ValueKind}, not an object");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            // Parsers disagree on which duplicate wins; refusing them removes the ambiguity.
            if (!seen.Add(property.Name))
                PayloadFormatException.Throw(PayloadError.DuplicateField, PayloadReasons.DuplicateField, $"{property.Name} appears twice");
        }
    }
}
