namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>Inbound messages waiting, by queue.</summary>
[GenerateSerializer, Immutable, Alias("akademia.InboundQueues")]
public sealed record InboundQueues
{
    /// <summary>Accepted, not yet attempted.</summary>
    [Id(0)] public long Received { get; init; }

    /// <summary>Waiting for a retry.</summary>
    [Id(1)] public long Retrying { get; init; }

    /// <summary>In the dead-letter queue (not replayed).</summary>
    [Id(2)] public long DeadLetter { get; init; }
}
