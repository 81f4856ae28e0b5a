using System.Globalization;

namespace Akademia.Webhooks.ApiGateway.Api;

/// <summary>The <c>limit</c> query parameter of the list routes that page with a cursor.</summary>
internal static class QueryLimit
{
    public const int Default = 20;

    /// <summary>The page size asked for, <see cref="Default"/> when absent; the grain checks the range.</summary>
    // Parsed here rather than bound as int?, so that a non-numeric value is reported against "limit"
    // like an out-of-range one, instead of as an unreadable request.
    public static int Parse(string? limit) =>
        string.IsNullOrEmpty(limit) ? Default
        : int.TryParse(limit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ValidationFailedException(new() { ["limit"] = "must be an integer between 1 and 100" });
}
