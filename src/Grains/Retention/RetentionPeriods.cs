using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Retention;

/// <summary>
/// The retention of each application as this silo last read it, for <see cref="TimeToLive"/>: what
/// is retained files itself under its due time when it is stored, and must not pay a grain call for
/// the application's setting each time. A change is seen within the time to live.
/// </summary>
public sealed class RetentionPeriods(IGrainFactory grains, IOptions<RetentionOptions> options, TimeProvider timeProvider)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(1);

    // Bounded: past it the cache starts over rather than grow with the number of applications.
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (TimeSpan Retention, DateTimeOffset Until)> _known = new(StringComparer.Ordinal);

    /// <summary>The platform's default retention, for what belongs to no application.</summary>
    public TimeSpan Default => options.Value.Period;

    /// <summary>The retention of <paramref name="applicationId"/>'s data: its own, else the platform's default.</summary>
    public async ValueTask<TimeSpan> OfAsync(string applicationId)
    {
        var now = timeProvider.GetUtcNow();
        if (_known.TryGetValue(applicationId, out var known) && known.Until > now)
        {
            return known.Retention;
        }

        var application = await grains.GetGrain<IApplicationGrain>(applicationId).GetAsync();
        var retention = application?.Retention ?? options.Value.Period;
        if (_known.Count >= Capacity)
        {
            _known.Clear();
        }

        _known[applicationId] = (retention, now + TimeToLive);
        return retention;
    }

    /// <summary>When what <paramref name="applicationId"/> stores at <paramref name="storedAt"/> falls due.</summary>
    public async ValueTask<DateTimeOffset> DueAtAsync(string applicationId, DateTimeOffset storedAt) =>
        RetentionSchedule.DueAt(storedAt, await OfAsync(applicationId));
}
