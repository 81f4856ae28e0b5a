using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Akademia.Webhooks.Hosting;

/// <summary>
/// Checks that every value under an options section converts to the type of the property it binds to,
/// before the configuration binder sees it. The binder throws a multi-line exception for a scalar that
/// does not convert, and silently drops a list item that does not (<c>Delivery:RetryDelays:0=soon</c>
/// would leave the default delays in force); this names the key and what is allowed, in one line each.
/// </summary>
public static class SettingsConversion
{
    /// <summary>One failure per value under <paramref name="section"/> that does not convert to <paramref name="optionsType"/>'s property; empty when all do.</summary>
    public static IReadOnlyList<string> Failures(Type optionsType, IConfigurationSection section)
    {
        var failures = new List<string>();
        CheckObject(optionsType, section, failures);
        return failures;
    }

    private static void CheckObject(Type type, IConfigurationSection section, List<string> failures)
    {
        foreach (var child in section.GetChildren())
        {
            // The binder matches property names case-insensitively; unknown keys are not its error.
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is { CanWrite: true } or { CanRead: true, PropertyType.IsClass: true })
            {
                Check(property.PropertyType, child, failures);
            }
        }
    }

    private static void Check(Type type, IConfigurationSection section, List<string> failures)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(target))
        {
            if (section.Value is { } value && !Converts(target, value))
            {
                failures.Add(Failure(section.Path, value, target));
            }

            return;
        }

        if (ElementType(target) is { } element)
        {
            foreach (var item in section.GetChildren())
            {
                Check(element, item, failures);
            }

            return;
        }

        if (target.IsClass && target != typeof(object))
        {
            CheckObject(target, section, failures);
        }
    }

    /// <summary>The line for a value at <paramref name="path"/> that is not a <paramref name="type"/>.</summary>
    public static string Failure(string path, string value, Type type) => $"{path}: '{value}' is not {Allowed(type)}";

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri);

    /// <summary>The item type of an array or a list, or of a dictionary's values; null for anything else.</summary>
    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!type.IsGenericType)
        {
            return null;
        }

        var arguments = type.GetGenericArguments();
        return arguments.Length switch
        {
            1 when typeof(System.Collections.IEnumerable).IsAssignableFrom(type) => arguments[0],
            2 when type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() is var d && (d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>))) => arguments[1],
            _ => null,
        };
    }

    private static bool Converts(Type type, string value)
    {
        if (type.IsEnum)
        {
            // Enum.Parse accepts any number ("7"), which no setting means: only the names are allowed.
            return Enum.TryParse(type, value, ignoreCase: true, out var parsed) && Enum.IsDefined(type, parsed!)
                && !value.Trim().All(c => char.IsAsciiDigit(c) || c == '-');
        }

        if (type == typeof(string) || value.Length == 0)
        {
            // The binder leaves an empty value's property as it is.
            return true;
        }

        try
        {
            // The converter the binder itself uses, with the culture it uses.
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>What a value of <paramref name="type"/> may be, to follow "is not": "one of A, B", "a whole number (Int32)".</summary>
    public static string Allowed(Type type)
    {
        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(type));
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "true or false",
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64
                => $"a whole number ({type.Name})",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => $"a number such as 0.5 ({type.Name})",
            _ when type == typeof(TimeSpan) => "a duration such as 00:00:30 (hh:mm:ss, or d.hh:mm:ss)",
            _ => $"a valid {type.Name}",
        };
    }
}
