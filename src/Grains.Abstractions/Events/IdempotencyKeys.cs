using System.Text.RegularExpressions;

namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// Rules for <see cref="PublishRequest.IdempotencyKey"/> and <see cref="PublishRequest.IdempotencyScope"/>,
/// shared by the gateway (the <c>Idempotency-Key</c> header) and the publisher grain (grain clients).
/// </summary>
public static partial class IdempotencyKeys
{
    /// <summary>The HTTP header that carries the key.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>Longest key accepted, in characters (as Stripe's).</summary>
    public const int MaxLength = 255;

    /// <summary>What a key must be.</summary>
    public const string Rule = "must be 1-255 printable ASCII characters";

    /// <summary>What a scope must be.</summary>
    public const string ScopeRule = "must be 1-128 letters, digits, '_', '-', '.' or ':'";

    /// <summary>How long a key is remembered when the silo's <c>Idempotency:KeyRetention</c> is not set.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    // Printable ASCII, space included (an HTTP field value cannot begin or end with one, and
    // Kestrel trims them): no control character, nothing a log line or a terminal would interpret.
    [GeneratedRegex("^[\\x20-\\x7E]{1,255}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[A-Za-z0-9_.:\\-]{1,128}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ScopePattern();

    /// <summary>The problem with <paramref name="key"/>, or <c>null</c> when it is a valid key.</summary>
    public static string? Check(string key) => KeyPattern().IsMatch(key) ? null : Rule;

    /// <summary>The problem with <paramref name="scope"/>, or <c>null</c> when it is a valid scope.</summary>
    public static string? CheckScope(string? scope) => scope switch
    {
        null or "" => "is required with an idempotency key",
        _ when !ScopePattern().IsMatch(scope) => ScopeRule,
        _ => null,
    };
}
