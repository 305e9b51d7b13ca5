using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlockhostBroker.Client.Cli;

/// <summary>Writes uint256 values (capacity, load) as JSON numbers; System.Text.Json has no BigInteger support.</summary>
public sealed class BigIntegerJsonConverter : JsonConverter<BigInteger>
{
    /// <inheritdoc />
    public override BigInteger Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        BigInteger.Parse(System.Text.Encoding.UTF8.GetString(reader.ValueSpan), CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, BigInteger value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.ToString(CultureInfo.InvariantCulture));
}
