namespace Akademia.Webhooks.Grains.Endpoints;

/// <summary>One attempt, as the endpoint's health sees it.</summary>
[GenerateSerializer, Immutable, Alias("akademia.internal.AttemptReport")]
public sealed record AttemptReport(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] int? StatusCode,
    [property: Id(2)] string? ErrorCode,
    [property: Id(3)] double DurationMs,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string Url,
    [property: Id(6)] string DeliveryId);
