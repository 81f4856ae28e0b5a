using System.Collections.Frozen;
using System.Reflection;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Serialization;

namespace Akademia.Webhooks.Grains.Persistence;

/// <summary>
/// Reads the type names in state that Redis and Azure Tables stored before the contract's renames.
/// <para>
/// Orleans' JSON grain-storage serializer names each stored object by its CLR type and assembly
/// (<c>"$type": "Akademia.Webhooks.DeliveryAttempt[], Grains.Abstractions"</c>), not by its
/// <c>[Alias]</c>. The assemblies were renamed (<c>Grains.Abstractions</c> and <c>Grains</c> became
/// <c>Akademia.Webhooks.Grains.Abstractions</c> and <c>Akademia.Webhooks.Grains</c>), the contract moved
/// to one namespace, internal types moved to their feature's namespace, and one stored type was renamed.
/// A name in one of the old assemblies is resolved by its simple name, which is unique among the
/// platform's serializable types; everything else, and every name written, goes to Orleans' binder
/// unchanged, so its type allow-list still decides.
/// </para>
/// </summary>
public sealed partial class StoredTypeNameBinder : ISerializationBinder
{
    /// <summary>Stored types whose simple name changed, old → new.</summary>
    private static readonly FrozenDictionary<string, string> Renamed = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["WebhookEndpoint"] = "EndpointDetails",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly ISerializationBinder _inner;
    private readonly FrozenDictionary<string, Type> _bySimpleName;

    public StoredTypeNameBinder(ISerializationBinder inner, params Assembly[] assemblies)
    {
        _inner = inner;
        _bySimpleName = assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsNested: false, IsGenericTypeDefinition: false } && t.IsDefined(typeof(GenerateSerializerAttribute), inherit: false))
            .ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
    }

    public Type BindToType(string? assemblyName, string typeName)
    {
        var full = assemblyName is null ? typeName : typeName + ", " + assemblyName;
        if (!full.Contains(", Grains", StringComparison.Ordinal))
        {
            return _inner.BindToType(assemblyName, typeName);
        }

        var rewritten = OldName().Replace(full, Rewrite);
        var split = TopLevelComma(rewritten);
        return split < 0
            ? _inner.BindToType(null, rewritten)
            : _inner.BindToType(rewritten[(split + 2)..], rewritten[..split]);
    }

    public void BindToName(Type serializedType, out string? assemblyName, out string? typeName) =>
        _inner.BindToName(serializedType, out assemblyName, out typeName);

    private string Rewrite(Match match)
    {
        var name = match.Groups["name"].Value;
        name = Renamed.GetValueOrDefault(name, name);
        return _bySimpleName.TryGetValue(name, out var type)
            ? $"{type.FullName}{match.Groups["array"].Value}, {type.Assembly.GetName().Name}"
            : match.Value;
    }

    /// <summary>The comma between the type and its assembly: the last one outside generic brackets.</summary>
    private static int TopLevelComma(string name)
    {
        var depth = 0;
        for (var i = name.Length - 1; i > 0; i--)
        {
            switch (name[i])
            {
                case ']':
                    depth++;
                    break;
                case '[':
                    depth--;
                    break;
                case ',' when depth == 0:
                    return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"Akademia\.Webhooks\.(?:\w+\.)*(?<name>\w+)(?<array>(?:\[\])*), (?:Grains\.Abstractions|Grains)(?=\]|,|$)")]
    private static partial Regex OldName();
}
