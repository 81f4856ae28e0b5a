namespace Akademia.Webhooks.Grains.Retention;

[GenerateSerializer, Immutable, Alias("akademia.RetentionSweeperState")]
public sealed record RetentionSweeperState
{
    /// <summary>Hours whose bucket may hold filings, ascending.</summary>
    [Id(0)] public long[] Hours { get; init; } = [];
}
