using Akademia.Webhooks.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Deliveries;

[Alias("akademia.internal.IBulkheadGrain")]
public interface IBulkheadGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes a slot if one is free. Otherwise the delivery is queued and later told
    /// <see cref="IDeliveryWorkerGrain.SlotGrantedAsync"/>, holding the slot then.
    /// </summary>
    [Alias("TryAcquireAsync")]
    Task<bool> TryAcquireAsync(string deliveryId);

    [Alias("ReleaseAsync"), OneWay]
    Task ReleaseAsync(string deliveryId);

    [Alias("GetInFlightAsync"), ReadOnly]
    Task<int> GetInFlightAsync();
}

/// <summary>
/// Caps the attempts in flight to one endpoint, cluster-wide, so a slow endpoint uses at most a
/// few connections and never holds up deliveries to others. Waiting deliveries are queued, not
/// failed. Slots are leases: one whose holder vanished (its silo died) is reclaimed after the
/// attempt timeout. Memory only: on loss, waiting deliveries are re-driven by their reminders.
/// </summary>
[GrainType("bulkhead")]
public sealed class BulkheadGrain(IOptions<DeliveryOptions> options, TimeProvider time) : Grain, IBulkheadGrain
{
    private readonly Dictionary<string, DateTimeOffset> _holders = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _waiting = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly TimeSpan _lease = options.Value.AttemptTimeout + TimeSpan.FromSeconds(10);
    private readonly int _capacity = options.Value.MaxConcurrentAttemptsPerEndpoint;

    public Task<bool> TryAcquireAsync(string deliveryId)
    {
        ReclaimExpired();
        if (_holders.ContainsKey(deliveryId) || _holders.Count < _capacity && _waiting.Count == 0)
        {
            _holders[deliveryId] = time.GetUtcNow();
            return Task.FromResult(true);
        }

        if (_queued.Add(deliveryId))
        {
            _waiting.AddLast(deliveryId);
        }

        return Task.FromResult(false);
    }

    public Task ReleaseAsync(string deliveryId)
    {
        _holders.Remove(deliveryId);
        ReclaimExpired();
        return Task.CompletedTask;
    }

    public Task<int> GetInFlightAsync() => Task.FromResult(_holders.Count);

    private void ReclaimExpired()
    {
        var now = time.GetUtcNow();
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
            _waiting.RemoveFirst();
            _queued.Remove(next.Value);
            _holders[next.Value] = time.GetUtcNow();
            _ = GrainFactory.GetGrain<IDeliveryWorkerGrain>(next.Value).SlotGrantedAsync();
        }
    }
}
