using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Akademia.Webhooks.Grains.Storage;

/// <summary>
/// Partition and row key parts for Azure Tables. Keys may not contain <c>/ \ # ?</c> or control
/// characters, and grain ids contain <c>/</c>; escaping (rather than replacing, as Orleans'
/// providers do) keeps distinct grain ids distinct. Never change this format: it is how stored
/// rows are found again.
/// </summary>
internal static class TableKeys
{
    /// <summary>Separates the parts of a key; escaped inside parts, so a prefix ending in it is exact.</summary>
    public const char Separator = '|';

    /// <summary>The character after <see cref="Separator"/>: an exclusive upper bound for a prefix.</summary>
    public const char AfterSeparator = '}';

    private const char Escape = '%';
    private const char HashMarker = '~';

    // Longer parts are shortened to a prefix and a SHA-256, so that a key always stays under the
    // service's 1 KiB limit however long a grain id is.
    private const int MaxPartLength = 200;
    private const int KeptPrefixLength = MaxPartLength - 65;

    /// <summary>The escaped form of one key part: free of forbidden characters and of <see cref="Separator"/>.</summary>
    public static string Part(string value)
    {
        StringBuilder? escaped = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (NeedsEscape(c))
            {
                escaped ??= new StringBuilder(value.Length + 8).Append(value, 0, i);
                escaped.Append(Escape).Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped?.Append(c);
            }
        }

        var part = escaped?.ToString() ?? value;
        if (part.Length <= MaxPartLength)
        {
            return part;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
        return string.Concat(part.AsSpan(0, KeptPrefixLength), HashMarker.ToString(), hash);
    }

    private static bool NeedsEscape(char c) =>
        c is '/' or '\\' or '#' or '?' or Escape or Separator or HashMarker or < (char)0x20 or (>= (char)0x7F and <= (char)0x9F);

    /// <summary>Joins escaped parts.</summary>
    public static string Join(params ReadOnlySpan<string?> escapedParts) => string.Join(Separator, escapedParts);
}
