using System.Text;
using System.Text.Json;

namespace BlockhostBroker.EndToEnd.Tests.Fuzz;

/// <summary>
/// A JSON object written member by member as raw text, so a fuzz case can repeat, drop or retype members and
/// produce exactly the bytes it means (a serializer would refuse or normalise them).
/// </summary>
public sealed class JsonText
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly List<(string Name, string RawValue)> _members = [];

    /// <summary>Adds a member whose value is already JSON text.</summary>
    public JsonText Raw(string name, string rawValue)
    {
        _members.Add((name, rawValue));
        return this;
    }

    /// <summary>Adds a string member.</summary>
    public JsonText String(string name, string value) => Raw(name, Quote(value));

    /// <summary>Inserts a member at a position (0 … count).</summary>
    public JsonText Insert(int index, string name, string rawValue)
    {
        _members.Insert(index, (name, rawValue));
        return this;
    }

    /// <summary>Replaces the value of every member called <paramref name="name"/>.</summary>
    public JsonText Replace(string name, string rawValue)
    {
        for (var i = 0; i < _members.Count; i++)
            if (_members[i].Name == name) _members[i] = (name, rawValue);
        return this;
    }

    /// <summary>Removes every member called <paramref name="name"/>.</summary>
    public JsonText Remove(string name)
    {
        _members.RemoveAll(m => m.Name == name);
        return this;
    }

    /// <summary>Renames every member called <paramref name="name"/>.</summary>
    public JsonText Rename(string name, string newName)
    {
        for (var i = 0; i < _members.Count; i++)
            if (_members[i].Name == name) _members[i] = (newName, _members[i].RawValue);
        return this;
    }

    /// <summary>The members written so far.</summary>
    public int Count => _members.Count;

    /// <summary>The raw value of the first member called <paramref name="name"/>.</summary>
    public string ValueOf(string name) => _members.First(m => m.Name == name).RawValue;

    /// <summary>Compact JSON text.</summary>
    public override string ToString() => "{" + string.Join(",", _members.Select(m => $"{Quote(m.Name)}:{m.RawValue}")) + "}";

    /// <summary>UTF-8 bytes of <see cref="ToString"/>.</summary>
    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(ToString());

    /// <summary>A JSON string literal.</summary>
    public static string Quote(string value) => JsonSerializer.Serialize(value, Relaxed);
}
