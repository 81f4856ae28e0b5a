namespace Akademia.Webhooks.Grains.Paging;

/// <summary>
/// The record rules of one page of a chained-page list (applications, endpoints): a record is listed
/// once, replaced in place, never by an older version of itself, and a full page takes no new record.
/// Pure: the page grains own storage.
/// </summary>
public static class ChainedPage
{
    /// <summary>
    /// Places <paramref name="item"/> on the page: appended when absent and there is room, replaced
    /// when present and not older. False when the page is full and the record is not on it;
    /// <paramref name="next"/> is <c>null</c> when nothing changes.
    /// </summary>
    public static bool TryPlace<T>(T[] items, T item, Func<T, string> idOf, Func<T, DateTimeOffset> updatedAtOf, int capacity, out T[]? next)
    {
        var at = Array.FindIndex(items, i => idOf(i) == idOf(item));
        if (at >= 0)
        {
            next = Replace(items, at, item, updatedAtOf);
            return true;
        }

        if (items.Length >= capacity)
        {
            next = null;
            return false;
        }

        next = [.. items, item];
        return true;
    }

    /// <summary>The page with <paramref name="item"/> replacing its listed version; <c>null</c> when it is not listed here or is older than the listed one.</summary>
    public static T[]? Replace<T>(T[] items, T item, Func<T, string> idOf, Func<T, DateTimeOffset> updatedAtOf)
    {
        var at = Array.FindIndex(items, i => idOf(i) == idOf(item));
        return at < 0 ? null : Replace(items, at, item, updatedAtOf);
    }

    private static T[]? Replace<T>(T[] items, int at, T item, Func<T, DateTimeOffset> updatedAtOf)
    {
        // A late, older record must not overwrite a newer one.
        if (updatedAtOf(items[at]) > updatedAtOf(item))
        {
            return null;
        }

        var next = (T[])items.Clone();
        next[at] = item;
        return next;
    }
}
