using System.Globalization;
using Akademia.Webhooks.Grains.Validation;

namespace Akademia.Webhooks.Grains.ApiKeys;

/// <summary>
/// The listing of API keys as a chain of pages (<see cref="ApiKeyPageGrain"/>): this grain stores only
/// the number of the newest page, and each page at most <see cref="ApiKeyPageGrain.Capacity"/> keys.
/// Pages only grow at the end, so a cursor (<c>{page}.{position}</c>) stays valid while keys are added.
/// </summary>
[GrainType("api-key-directory")]
public sealed class ApiKeyDirectoryGrain(
    [PersistentState("api-key-directory", StorageNames.Webhooks)] IPersistentState<ApiKeyDirectoryState> state)
    : Grain, IApiKeyDirectoryGrain, IApiKeyDirectoryInternalGrain
{
    public async Task<long> AppendAsync(ApiKeyDetails key)
    {
        var page = state.State.LastPage;
        if (await Page(page).TryAddAsync(key))
        {
            return page;
        }

        // Written before the new page is: a failure in between leaves an empty page, never a full one taking more.
        state.State = state.State with { LastPage = page + 1 };
        await state.WriteStateAsync();
        if (!await Page(page + 1).TryAddAsync(key))
        {
            throw new InvalidOperationException($"API key page {page + 1} is full although it was just started.");
        }

        return page + 1;
    }

    public async Task<ApiKeyPage> ListAsync(int limit, string? cursor)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (FieldRules.CheckPageLimit(limit) is { } limitProblem)
        {
            errors["limit"] = limitProblem;
        }

        (long Page, int? Before) position = (state.State.LastPage, null);
        if (cursor is not null)
        {
            if (ParseCursor(cursor) is { } parsed && parsed.Page <= state.State.LastPage)
            {
                position = parsed;
            }
            else
            {
                errors["cursor"] = "is not a cursor this listing gave";
            }
        }

        FieldRules.ThrowIfAny(errors);

        var items = new List<ApiKeyDetails>(limit);
        string? next = null;
        while (position.Page >= 0)
        {
            var (keys, count) = await Page(position.Page).ReadAsync(position.Before, limit - items.Count);
            items.AddRange(keys);
            var reachedPosition = Math.Min(position.Before ?? count, count) - keys.Length;
            position = reachedPosition > 0 ? (position.Page, reachedPosition) : (position.Page - 1, null);
            if (items.Count == limit)
            {
                next = position.Page >= 0 ? Cursor(position) : null;
                break;
            }
        }

        return new ApiKeyPage([.. items], next);
    }

    private IApiKeyPageGrain Page(long number) => GrainFactory.GetGrain<IApiKeyPageGrain>(number);

    private static string Cursor((long Page, int? Before) position) =>
        string.Create(CultureInfo.InvariantCulture, $"{position.Page}.{position.Before?.ToString(CultureInfo.InvariantCulture) ?? "end"}");

    private static (long Page, int? Before)? ParseCursor(string cursor)
    {
        var parts = cursor.Split('.');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var page))
        {
            return null;
        }

        if (parts[1] == "end")
        {
            return (page, null);
        }

        return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var before) && before is > 0 and <= ApiKeyPageGrain.Capacity
            ? (page, before)
            : null;
    }
}
