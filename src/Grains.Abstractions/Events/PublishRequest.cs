namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// An event to publish to every subscribed endpoint.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.PublishRequest")]
public sealed record PublishRequest
{
    /// <summary>
    /// Event id: 1–128 letters, digits, <c>_</c>, <c>-</c> or <c>:</c>. Generated when absent.
    /// Publishing the same id again with the same type and data creates no new delivery and answers
    /// the original result; with another type or data it throws <c>CONFLICT</c>.
    /// </summary>
    [Id(0)] public string? Id { get; init; }

    /// <summary>A registered event type, such as <c>grade.created</c>.</summary>
    [Id(1)] public required string Type { get; init; }

    /// <summary>The event's data: the text of a JSON object.</summary>
    [Id(2)] public required string Data { get; init; }

    /// <summary>
    /// Optional: makes a publish without an <see cref="Id"/> safe to retry. For
    /// <see cref="IdempotencyKeys.Retention"/> after the first publish with this key in this
    /// <see cref="IdempotencyScope"/>, a repeat with the same id (or none), type and data answers the
    /// first result; one with anything different throws <c>CONFLICT</c>. See <see cref="IdempotencyKeys"/>.
    /// </summary>
    [Id(3)] public string? IdempotencyKey { get; init; }

    /// <summary>
    /// Whose key <see cref="IdempotencyKey"/> is; required with it. The gateway sets it from the
    /// calling API key, so one caller's key never finds another's result; a grain client names
    /// itself (its service's name, say). See <see cref="IdempotencyKeys.ScopeRule"/>.
    /// </summary>
    [Id(4)] public string? IdempotencyScope { get; init; }

    /// <summary>
    /// The application published to; <c>null</c> means <see cref="ApplicationIds.Default"/>. The event
    /// reaches only that application's endpoints, and its id and <see cref="IdempotencyKey"/> are its
    /// own: another application may use the same ones. An application that does not exist or was
    /// deleted throws <c>NOT_FOUND</c>.
    /// </summary>
    [Id(5)] public string? ApplicationId { get; init; }
}
