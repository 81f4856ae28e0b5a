namespace Akademia.Webhooks.Grains.Events;

[GenerateSerializer, Immutable, Alias("akademia.EventState")]
public sealed record EventState
{
    [Id(0)] public required string Type { get; init; }

    /// <summary>The exact JSON body every endpoint receives, stored once for all deliveries and retries.</summary>
    [Id(1)] public required string Body { get; init; }

    [Id(2)] public required string[] EndpointIds { get; init; }

    [Id(3)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// <see cref="EventFingerprint.OfContent(string, string)"/> of the type and data published: a
    /// repeat of the id with another one is a conflict. Absent in events stored before it was kept;
    /// for those it is derived from <see cref="Body"/>, which embeds the data byte for byte.
    /// </summary>
    [Id(4)] public string? ContentHash { get; init; }

    /// <summary>When the event's retention ends; absent in events stored before retention was kept.</summary>
    [Id(5)] public DateTimeOffset? RetainUntil { get; init; }

    /// <summary>When the body was erased on request (it is then empty); the metadata stays.</summary>
    [Id(6)] public DateTimeOffset? PayloadErasedAt { get; init; }
}
