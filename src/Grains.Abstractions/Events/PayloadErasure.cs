namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// What erasing an event's payload did: the event's stored body is empty from <see cref="PayloadErasedAt"/>
/// on, and its metadata (type, time, deliveries and their attempts) stays. A repeat answers the same
/// time and erases nothing more.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.PayloadErasure")]
public sealed record PayloadErasure
{
    /// <summary>The event's id.</summary>
    [Id(0)] public required string EventId { get; init; }

    /// <summary>When the event's body was erased (by this request or an earlier one).</summary>
    [Id(1)] public DateTimeOffset PayloadErasedAt { get; init; }

    /// <summary>Dead-letter entries of the event (replays' included) whose payload copy is now empty; purged ones are not counted.</summary>
    [Id(2)] public int DeadLetterCopiesErased { get; init; }

    /// <summary>Deliveries of the event still pending, which end canceled rather than send an erased body.</summary>
    [Id(3)] public int DeliveriesCanceled { get; init; }
}
