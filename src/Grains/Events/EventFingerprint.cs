using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Akademia.Webhooks.Grains.Events;

/// <summary>
/// SHA-256 fingerprints that tell a repeated publish from a different one: of an event's type and
/// data (its id is the grain's key), and of a whole request (explicit id, type and data) for an
/// <c>Idempotency-Key</c>. Parts are separated by a NUL, which neither an id nor a type may contain,
/// and the data comes last, so no two different requests share the hashed bytes.
/// </summary>
internal static class EventFingerprint
{
    /// <summary>Lowercase hex SHA-256 of <paramref name="type"/>, NUL, and the UTF-8 of <paramref name="data"/>.</summary>
    /// <remarks>
    /// The gateway passes data as the text of the bytes received (it refuses bodies that are not
    /// UTF-8), so this is the hash of the data as received: whitespace and escapes count.
    /// </remarks>
    public static string OfContent(string type, string data) => OfContent(type, Encoding.UTF8.GetBytes(data));

    /// <summary>Lowercase hex SHA-256 of <paramref name="type"/>, NUL, and <paramref name="dataUtf8"/>.</summary>
    public static string OfContent(string type, ReadOnlySpan<byte> dataUtf8)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(type));
        hash.AppendData([0]);
        // Whitespace around the value is not part of it: the gateway's data (an element's raw text)
        // never has any, and a stored body does not keep a grain client's.
        hash.AppendData(dataUtf8.Trim(JsonWhitespace));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static ReadOnlySpan<byte> JsonWhitespace => " \t\r\n"u8;

    /// <summary>
    /// The content fingerprint of an event stored before fingerprints were: its body embeds the data
    /// byte for byte (<see cref="EventGrain.BuildBody"/> writes it raw), so it is exact, not a guess.
    /// </summary>
    public static string OfStoredBody(string type, string body)
    {
        using var document = JsonDocument.Parse(body);
        return OfContent(type, JsonMarshal.GetRawUtf8Value(document.RootElement.GetProperty("data")));
    }

    /// <summary>
    /// Lowercase hex SHA-256 of a publish request as an <c>Idempotency-Key</c> compares it: the
    /// explicit id (or none), the type and the data.
    /// </summary>
    public static string OfRequest(string? id, string type, string data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // "" for no id: an explicit id is never empty, so the two cannot be confused.
        hash.AppendData(Encoding.UTF8.GetBytes(id ?? string.Empty));
        hash.AppendData([0]);
        hash.AppendData(Encoding.UTF8.GetBytes(type));
        hash.AppendData([0]);
        hash.AppendData(Encoding.UTF8.GetBytes(data));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
