using Akademia.Webhooks.Grains.Endpoints;
using Akademia.Webhooks.Grains.Monitoring;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// Dispatches attempts to one endpoint, cluster-wide: at most a few in flight (the bulkhead), so a
/// slow endpoint never holds up the others, and — when the endpoint has a rate limit — no faster than
/// its adaptive rate. Waiting deliveries are queued, not failed. Slots are leases: one whose holder
/// vanished (its silo died) is reclaimed after the attempt timeout. Memory only: when it is lost, the
/// deliveries that waited in it ask again (<see cref="TryAcquireAsync"/> is idempotent) on their event's
/// re-drive or their retry reminder's tick and queue here anew; the rate starts again from its
/// configuration.
/// </summary>
[GrainType("bulkhead")]
public sealed class BulkheadGrain(IOptions<DeliveryOptions> options, PlatformInstruments instruments, TimeProvider timeProvider) : Grain, IBulkheadGrain
{
    private readonly Dictionary<string, DateTimeOffset> _holders = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _waiting = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly TimeSpan _lease = options.Value.AttemptTimeout + TimeSpan.FromSeconds(10);
    private readonly int _capacity = options.Value.MaxConcurrentAttemptsPerEndpoint;
    private AdaptiveRate? _rate;
    private IGrainTimer? _wakeUp;

    private string EndpointId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var target = await GrainFactory.GetGrain<IEndpointInternalGrain>(EndpointId).GetTargetAsync();
        Configure(target?.RateLimit);
    }

    public Task<bool> TryAcquireAsync(string deliveryId)
    {
        ReclaimExpired();
        if (_holders.ContainsKey(deliveryId))
        {
            return Task.FromResult(true);
        }

        if (_holders.Count < _capacity && _waiting.Count == 0 && TakeToken())
        {
            _holders[deliveryId] = timeProvider.GetUtcNow();
            return Task.FromResult(true);
        }

        if (_queued.Add(deliveryId))
        {
            _waiting.AddLast(deliveryId);
        }

        GrantWaiting();
        return Task.FromResult(false);
    }

    public Task ReleaseAsync(string deliveryId)
    {
        _holders.Remove(deliveryId);
        ReclaimExpired();
        return Task.CompletedTask;
    }

    public Task CompleteAsync(string deliveryId, ReceiverFeedback feedback, EndpointRateLimit? rateLimit)
    {
        Learn(feedback, rateLimit);
        return ReleaseAsync(deliveryId);
    }

    private void Learn(ReceiverFeedback feedback, EndpointRateLimit? rateLimit)
    {
        Configure(rateLimit);
        if (_rate is not null)
        {
            var before = _rate.Current;
            _rate.Learn(feedback, timeProvider.GetUtcNow());
            if (_rate.Current != before)
            {
                instruments.EndpointRateChanged(EndpointId, _rate.Current, _rate.Adjustments.First().Reason);
            }
        }
    }

    public Task<DeliveryRateSnapshot> GetRateAsync() => Task.FromResult(new DeliveryRateSnapshot
    {
        CurrentPerSecond = _rate?.Current ?? 0,
        ConfiguredPerSecond = _rate?.Limit.PerSecond ?? 0,
        PausedUntil = _rate?.PausedUntil is { } paused && paused > timeProvider.GetUtcNow() ? paused : null,
        Adjustments = _rate is null ? [] : [.. _rate.Adjustments],
        InFlight = _holders.Count,
        Waiting = _waiting.Count,
    });

    private void Configure(EndpointRateLimit? limit)
    {
        if (limit is null)
        {
            _rate = null;
            instruments.EndpointRateChanged(EndpointId, null, null);
        }
        else if (_rate is null)
        {
            _rate = new AdaptiveRate(limit, timeProvider.GetUtcNow());
            instruments.EndpointRateChanged(EndpointId, _rate.Current, null);
        }
        else
        {
            _rate.Reconfigure(limit);
        }
    }

    private bool TakeToken() => TakeToken(out _);

    private bool TakeToken(out TimeSpan wait)
    {
        wait = TimeSpan.Zero;
        return _rate is null || _rate.TryTake(timeProvider.GetUtcNow(), out wait);
    }

    private void ReclaimExpired()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var expired in _holders.Where(h => now - h.Value > _lease).Select(h => h.Key).ToList())
        {
            _holders.Remove(expired);
        }

        GrantWaiting();
    }

    private void GrantWaiting()
    {
        while (_holders.Count < _capacity && _waiting.First is { } next)
        {
            if (!TakeToken(out var wait))
            {
                // Over the rate: wake up when the next token is due.
                WakeUpIn(wait);
                return;
            }

            _waiting.RemoveFirst();
            _queued.Remove(next.Value);
            _holders[next.Value] = timeProvider.GetUtcNow();
            _ = GrainFactory.GetGrain<IDeliveryInternalGrain>(next.Value).SlotGrantedAsync();
        }
    }

    private void WakeUpIn(TimeSpan wait)
    {
        _wakeUp?.Dispose();
        _wakeUp = this.RegisterGrainTimer(() =>
        {
            _wakeUp?.Dispose();
            _wakeUp = null;
            ReclaimExpired();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions { DueTime = wait < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : wait, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
    }
}
