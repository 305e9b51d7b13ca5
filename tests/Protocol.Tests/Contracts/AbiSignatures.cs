using System.Reflection;
using System.Text.Json;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace BlockhostBroker.Protocol.Tests.Contracts;

/// <summary>One ABI entry in canonical form: the signature with types only, and the parameter names in order (inputs, event and error fields, struct components; top-level output names are blank).</summary>
public sealed record AbiEntry(string Signature, IReadOnlyList<string> Names);

/// <summary>
/// Canonical ABI entries built two independent ways: from forge's ABI JSON and from our binding types'
/// attributes. Signatures read "function name(in,…)->(out,…)", "event name(type indexed,…)", "error name(type,…)";
/// tuples expand to their components, e.g. "(uint256,address,…)[]".
/// </summary>
public static class AbiSignatures
{
    /// <summary>The functions, events and errors of a forge artifact's "abi" (the constructor is not bound: forge deploys).</summary>
    public static IReadOnlyList<AbiEntry> FromArtifact(string artifactPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(artifactPath));
        return json.RootElement.GetProperty("abi").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() is "function" or "event" or "error")
            .Select(FromJsonEntry)
            .ToList();
    }

    /// <summary>The Solidity selectors forge computed: "name(types)" → 8 hex digits.</summary>
    public static IReadOnlyDictionary<string, string> MethodIdentifiers(string artifactPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(artifactPath));
        return json.RootElement.GetProperty("methodIdentifiers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    /// <summary>The entries our binding types declare: every nested [Function], [Event] and [Error] type of the containers.</summary>
    public static IReadOnlyList<AbiEntry> FromBindings(params Type[] containers) => BindingTypes(containers).Select(FromType).ToList();

    /// <summary>The nested binding types of the containers.</summary>
    public static IEnumerable<Type> BindingTypes(params Type[] containers) =>
        containers.SelectMany(c => c.GetNestedTypes()).Where(t => !t.IsAbstract && (
            t.GetCustomAttribute<FunctionAttribute>() is not null
            || t.GetCustomAttribute<EventAttribute>() is not null
            || t.GetCustomAttribute<ErrorAttribute>() is not null));

    private static AbiEntry FromJsonEntry(JsonElement e)
    {
        var kind = e.GetProperty("type").GetString()!;
        var names = new List<string>();
        var inputs = string.Join(",", e.GetProperty("inputs").EnumerateArray().Select(p => JsonParam(p, kind == "event", names)));
        var signature = $"{kind} {e.GetProperty("name").GetString()}({inputs})";
        if (kind == "function")
            signature += "->(" + string.Join(",", e.GetProperty("outputs").EnumerateArray().Select(p => JsonParam(p, false, names, false))) + ")";
        return new AbiEntry(signature, names);
    }

    // Top-level output names are the implementation's choice and not part of the interface; they are not compared.
    private static string JsonParam(JsonElement p, bool isEvent, List<string> names, bool recordName = true)
    {
        names.Add(recordName ? p.GetProperty("name").GetString() ?? "" : "");
        var type = p.GetProperty("type").GetString()!;
        if (type.StartsWith("tuple", StringComparison.Ordinal))
            type = "(" + string.Join(",", p.GetProperty("components").EnumerateArray().Select(c => JsonParam(c, false, names))) + ")" + type["tuple".Length..];
        return isEvent && p.GetProperty("indexed").GetBoolean() ? type + " indexed" : type;
    }

    private static AbiEntry FromType(Type t)
    {
        var names = new List<string>();
        if (t.GetCustomAttribute<FunctionAttribute>() is { } f)
        {
            var inputs = Params(t, false, names);
            var outputs = f.DTOReturnType is not null ? Params(f.DTOReturnType, false, names, false) : SimpleReturn(f.ReturnType, names);
            return new AbiEntry($"function {f.Name}({inputs})->({outputs})", names);
        }
        if (t.GetCustomAttribute<EventAttribute>() is { } ev)
            return new AbiEntry($"event {ev.Name}({Params(t, true, names)})", names);
        return new AbiEntry($"error {t.GetCustomAttribute<ErrorAttribute>()!.Name}({Params(t, false, names)})", names);
    }

    // A single return declared as a type string carries no name.
    private static string SimpleReturn(string? type, List<string> names)
    {
        if (string.IsNullOrEmpty(type)) return "";
        names.Add("");
        return type;
    }

    private static string Params(Type t, bool isEvent, List<string> names, bool recordNames = true) => string.Join(",", t.GetProperties()
        .Select(p => (Property: p, Attribute: p.GetCustomAttribute<ParameterAttribute>()))
        .Where(x => x.Attribute is not null)
        .OrderBy(x => x.Attribute!.Order)
        .Select(x => TypeParam(x.Property, x.Attribute!, isEvent, names, recordNames)));

    private static string TypeParam(PropertyInfo property, ParameterAttribute attribute, bool isEvent, List<string> names, bool recordName)
    {
        names.Add(recordName ? attribute.Name ?? "" : "");
        var type = attribute.Type;
        if (type.StartsWith("tuple", StringComparison.Ordinal))
        {
            var element = property.PropertyType.IsGenericType ? property.PropertyType.GetGenericArguments()[0] : property.PropertyType;
            type = "(" + Params(element, false, names) + ")" + type["tuple".Length..];
        }
        return isEvent && attribute.Parameter.Indexed ? type + " indexed" : type;
    }
}
