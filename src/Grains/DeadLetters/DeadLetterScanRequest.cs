namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>One listing step over a scope: <see cref="DeadLetterWalk.StepAsync"/>'s arguments.</summary>
[GenerateSerializer, Immutable, Alias("akademia.internal.DeadLetterScanRequest")]
public sealed record DeadLetterScanRequest
{
    [Id(0)] public required IDeadLetterFilter Filter { get; init; }

    [Id(1)] public long? AfterTicks { get; init; }

    [Id(2)] public string? AfterId { get; init; }

    [Id(3)] public DateTimeOffset? From { get; init; }

    [Id(4)] public DateTimeOffset? To { get; init; }

    [Id(5)] public int Limit { get; init; } = 20;

    public (long Ticks, string Id)? After => AfterTicks is { } ticks ? (ticks, AfterId ?? string.Empty) : null;
}
