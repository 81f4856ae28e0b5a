namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>The list of applications. Use key <see cref="Key"/>.</summary>
[Alias("akademia.IApplicationDirectoryGrain")]
public interface IApplicationDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The only key in use.</summary>
    const string Key = "default";

    /// <summary>
    /// Applications that are not deleted, oldest first, <c>default</c> first. <paramref name="limit"/> is
    /// 1–100; <paramref name="cursor"/> is a previous page's <see cref="ApplicationPage.NextCursor"/>.
    /// Throws <see cref="ValidationFailedException"/> for a bad limit or cursor.
    /// </summary>
    [Alias("ListAsync"), ReadOnly]
    Task<ApplicationPage> ListAsync(int limit, string? cursor);
}
