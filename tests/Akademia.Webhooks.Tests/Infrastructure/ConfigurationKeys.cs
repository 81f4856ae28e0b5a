using System.Collections;
using System.Globalization;
using System.Reflection;

namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>
/// Writes an options object as configuration keys (<c>Delivery:RetryDelays:0</c> = <c>00:00:01</c>),
/// the form the hosts bind. Only what differs from the class's defaults is written, so an unchanged
/// option is left to the host as it would be in production.
/// </summary>
public static class ConfigurationKeys
{
    public static void AddChanged(IDictionary<string, string?> settings, string section, object options, object defaults)
    {
        var configured = Flatten(section, options);
        var unchanged = Flatten(section, defaults);
        foreach (var (key, value) in configured)
        {
            if (!unchanged.TryGetValue(key, out var fallback) || fallback != value)
            {
                settings[key] = value;
            }
        }
    }

    public static Dictionary<string, string?> Flatten(string prefix, object? value)
    {
        var keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Add(keys, prefix, value);
        return keys;
    }

    private static void Add(Dictionary<string, string?> keys, string path, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string or bool or Enum or TimeSpan or DateTimeOffset or Guid or IFormattable:
                keys[path] = Scalar(value);
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    Add(keys, $"{path}:{entry.Key}", entry.Value);
                }

                return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    Add(keys, $"{path}:{index++}", item);
                }

                return;
            default:
                foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    // Only what the binder can set is configuration; computed views (EffectiveRetryDelays) are not.
                    if (property.GetIndexParameters().Length == 0 && property.CanRead && property.CanWrite)
                    {
                        Add(keys, $"{path}:{property.Name}", property.GetValue(value));
                    }
                }

                return;
        }
    }

    private static string Scalar(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };
}
