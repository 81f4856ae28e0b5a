using System.Globalization;
using System.Text;
using Akademia.Webhooks.Grains.Validation;

namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>
/// The paging both dead-letter indexes share: newest failure first (ties by id), keyset cursors that
/// stay valid while entries are added, and one limit rule. Pure: the index grains own the filters.
/// </summary>
public static class DeadLetterIndex
{
    /// <summary>The entries with <paramref name="summary"/> added or replaced; null when it is already there as it is.</summary>
    public static Dictionary<string, T>? With<T>(IReadOnlyDictionary<string, T> entries, T summary)
        where T : IDeadLetterSummary, IEquatable<T>
    {
        if (entries.TryGetValue(summary.Id, out var known) && known.Equals(summary))
        {
            return null;
        }

        return new Dictionary<string, T>(entries, StringComparer.Ordinal) { [summary.Id] = summary };
    }

    /// <summary>Checks the limit and the cursor, adding what is wrong to <paramref name="errors"/>; the position to page after.</summary>
    public static (DateTimeOffset FailedAt, string Id)? ValidatePage(int limit, string? cursor, Dictionary<string, string> errors)
    {
        if (FieldRules.CheckPageLimit(limit) is { } limitProblem)
        {
            errors["limit"] = limitProblem;
        }

        return cursor is null ? null : ParseCursor(cursor, errors);
    }

    /// <summary>Newest failure first, ties by id, from just after <paramref name="after"/>.</summary>
    public static IEnumerable<T> NewestFirst<T>(IEnumerable<T> matching, (DateTimeOffset FailedAt, string Id)? after)
        where T : IDeadLetterSummary =>
        matching
            .OrderByDescending(s => s.FailedAt)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .SkipWhile(s => after is { } a && (s.FailedAt > a.FailedAt || (s.FailedAt == a.FailedAt && string.CompareOrdinal(s.Id, a.Id) <= 0)));

    /// <summary>One page and the cursor of the next, from entries already in order (one more than the limit tells whether there is a next).</summary>
    public static (List<T> Page, string? NextCursor) Page<T>(IEnumerable<T> ordered, int limit)
        where T : IDeadLetterSummary
    {
        var matches = ordered.Take(limit + 1).ToList();
        var page = matches.Take(limit).ToList();
        return (page, matches.Count > limit ? CursorOf(page[^1]) : null);
    }

    private static string CursorOf(IDeadLetterSummary last) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{last.FailedAt.UtcTicks}|{last.Id}")));

    private static (DateTimeOffset FailedAt, string Id)? ParseCursor(string cursor, Dictionary<string, string> errors)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                return (new DateTimeOffset(ticks, TimeSpan.Zero), text[(bar + 1)..]);
            }
        }
        catch (FormatException)
        {
        }

        errors["cursor"] = "is not a cursor returned by this API";
        return null;
    }
}
