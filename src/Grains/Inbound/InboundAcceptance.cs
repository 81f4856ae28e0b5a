namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>A verified request, to be stored as a message unless it is a duplicate.</summary>
[GenerateSerializer, Immutable, Alias("akademia.internal.InboundAcceptance")]
public sealed record InboundAcceptance
{
    [Id(0)] public required string SourceId { get; init; }

    [Id(1)] public required string Provider { get; init; }

    [Id(2)] public required string DedupeKey { get; init; }

    [Id(3)] public required byte[] Body { get; init; }

    [Id(4)] public required Dictionary<string, string> Headers { get; init; }

    [Id(5)] public int MaxAttempts { get; init; }

    [Id(6)] public required string EventTypePrefix { get; init; }

    /// <summary>The source's application, which the message's event is published to.</summary>
    [Id(7)] public string ApplicationId { get; init; } = ApplicationIds.Default;
}
