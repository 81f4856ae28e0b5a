namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One page of inbound messages, newest first. A page may hold fewer than the limit while
/// <see cref="NextCursor"/> is set: each page examines a bounded number of messages.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.InboundMessagePage")]
public sealed record InboundMessagePage(
    [property: Id(0)] InboundMessage[] Items,
    [property: Id(1)] string? NextCursor);
