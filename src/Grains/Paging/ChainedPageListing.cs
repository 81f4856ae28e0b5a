namespace Akademia.Webhooks.Grains.Paging;

/// <summary>
/// Reads a forward listing over chained pages (page 0 to the last, each in creation order): at most
/// <c>limit</c> records that <c>include</c> accepts, and at most <c>maxPages</c> stored pages per call, so
/// that a run of deleted records costs a bounded call that answers a cursor to continue rather than an
/// unbounded one. The one walk the application list and any other chained-page list share.
/// </summary>
public static class ChainedPageListing
{
    public static async Task<(T[] Items, string? NextCursor)> ReadAsync<T>(
        Func<long, Task<T[]>> readPage,
        long lastPage,
        long page,
        int offset,
        int limit,
        int maxPages,
        Func<T, bool> include,
        List<T>? items = null)
    {
        items ??= new List<T>(limit);
        for (var read = 0; page <= lastPage; read++, page++, offset = 0)
        {
            if (read == maxPages)
            {
                return ([.. items], ChainedPageCursor.Format(page, 0));
            }

            var stored = await readPage(page);
            for (var i = offset; i < stored.Length; i++)
            {
                if (items.Count == limit)
                {
                    return ([.. items], ChainedPageCursor.Format(page, i));
                }

                if (include(stored[i]))
                {
                    items.Add(stored[i]);
                }
            }
        }

        return ([.. items], null);
    }
}
