using System.Collections.Concurrent;

namespace Akademia.Webhooks.ApiGateway.Api.Applications;

/// <summary>
/// Which applications exist, as this gateway last heard, for <see cref="TimeToLive"/>: every
/// <c>/api/apps/{appId}</c> request is checked, and a publish must not pay a grain call for it. A
/// deletion through this gateway is seen at once; through another, within the time to live, and
/// meanwhile a publish to the deleted application is refused by its closed endpoint directory.
/// </summary>
internal sealed class ApplicationCache(IGrainFactory grains, TimeProvider timeProvider)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(10);

    // Bounded: past it the cache starts over rather than grow with the number of applications.
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (Application Application, DateTimeOffset Until)> _known = new(StringComparer.Ordinal);

    /// <summary>The application, or null when it does not exist or was deleted (never cached).</summary>
    public async ValueTask<Application?> GetAsync(string applicationId)
    {
        var now = timeProvider.GetUtcNow();
        if (_known.TryGetValue(applicationId, out var known) && known.Until > now)
        {
            return known.Application;
        }

        var application = await grains.GetGrain<IApplicationGrain>(applicationId).GetAsync();
        if (application is null)
        {
            _known.TryRemove(applicationId, out _);
            return null;
        }

        Remember(application);
        return application;
    }

    public void Remember(Application application)
    {
        if (_known.Count >= Capacity)
        {
            _known.Clear();
        }

        _known[application.Id] = (application, timeProvider.GetUtcNow() + TimeToLive);
    }

    public void Forget(string applicationId) => _known.TryRemove(applicationId, out _);
}
