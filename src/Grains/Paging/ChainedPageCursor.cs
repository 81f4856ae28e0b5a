using System.Globalization;

namespace Akademia.Webhooks.Grains.Paging;

/// <summary>
/// The cursor of a forward (oldest first) listing over chained pages: <c>{page}.{offset}</c>, the stored
/// page and the position in it where the next listing starts. Pages only grow at the end, so a cursor
/// stays valid while records are added.
/// </summary>
public static class ChainedPageCursor
{
    public static string Format(long page, int offset) => string.Create(CultureInfo.InvariantCulture, $"{page}.{offset}");

    public static bool TryParse(string cursor, out long page, out int offset)
    {
        page = 0;
        offset = 0;
        var parts = cursor.Split('.');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out page)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }
}
