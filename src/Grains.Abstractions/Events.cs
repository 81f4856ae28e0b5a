namespace Akademia.Webhooks;

/// <summary>
/// An event to publish to every subscribed endpoint.
/// </summary>
[GenerateSerializer, Alias("akademia.PublishRequest")]
public sealed record PublishRequest
{
    /// <summary>
    /// Idempotency key and event id: 1–128 letters, digits, <c>_</c>, <c>-</c> or <c>:</c>.
    /// Generated when absent. Publishing the same id again creates no new delivery.
    /// </summary>
    [Id(0)] public string? Id { get; init; }

    /// <summary>A registered event type, such as <c>grade.created</c>.</summary>
    [Id(1)] public required string Type { get; init; }

    /// <summary>The event's data: the text of a JSON object.</summary>
    [Id(2)] public required string Data { get; init; }
}

/// <summary>
/// The answer to a publish; a repeated publish of one id answers the original result.
/// </summary>
[GenerateSerializer, Alias("akademia.PublishResult")]
public sealed record PublishResult(
    [property: Id(0)] string EventId,
    [property: Id(1)] int Deliveries);

/// <summary>
/// An event type that endpoints can subscribe to.
/// </summary>
[GenerateSerializer, Alias("akademia.EventType")]
public sealed record EventType(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] bool BuiltIn);
