using System.Globalization;

namespace Akademia.Webhooks.ApiGateway.Api;

/// <summary>The <c>limit</c> query parameter of the list routes that page with a cursor.</summary>
internal static class QueryLimit
{
    public const int Default = 20;

    /// <summary>
    /// The default of the lists the specification answers whole (endpoints, endpoint health): the
    /// largest page, so that a client written before paging still reads up to 100 without a cursor.
    /// </summary>
    public const int WholeListDefault = 100;

    /// <summary>The page size asked for, <see cref="Default"/> when absent; the grain checks the range.</summary>
    // Parsed here rather than bound as int?, so that a non-numeric value is reported against "limit"
    // like an out-of-range one, instead of as an unreadable request.
    public static int Parse(string? limit, int defaultLimit = Default) =>
        string.IsNullOrEmpty(limit) ? defaultLimit
        : int.TryParse(limit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ValidationFailedException(new() { ["limit"] = "must be an integer between 1 and 100" });
}
