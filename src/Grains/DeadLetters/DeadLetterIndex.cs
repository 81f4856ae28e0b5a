using System.Globalization;
using System.Text;
using Akademia.Webhooks.Grains.Validation;

namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>
/// The paging both dead-letter indexes share: keyset cursors (the failure time and id of the last
/// summary looked at, newest failure first, ties by id) that stay valid while entries are added, and
/// one limit rule. Pure: the scopes own the walk (<see cref="DeadLetterWalk"/>).
/// </summary>
public static class DeadLetterIndex
{
    /// <summary>Checks the limit and the cursor, adding what is wrong to <paramref name="errors"/>; the position to page after.</summary>
    /// <summary>A listing's limit (1-100) and cursor, or with <paramref name="batch"/> a batch replay's limit (1-1000).</summary>
    public static (DateTimeOffset FailedAt, string Id)? ValidatePage(int limit, string? cursor, Dictionary<string, string> errors, bool batch = false)
    {
        if ((batch ? DeadLetterBatch.CheckLimit(limit) : FieldRules.CheckPageLimit(limit)) is { } limitProblem)
        {
            errors["limit"] = limitProblem;
        }

        return cursor is null ? null : ParseCursor(cursor, errors);
    }

    /// <summary>The cursor of a position (failure time in UTC ticks, id); null when there is none.</summary>
    public static string? CursorOf(long? ticks, string? id) =>
        ticks is { } t
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{t}|{id}")))
            : null;

    private static (DateTimeOffset FailedAt, string Id)? ParseCursor(string cursor, Dictionary<string, string> errors)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks)
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
