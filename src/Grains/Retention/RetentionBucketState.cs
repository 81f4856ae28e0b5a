namespace Akademia.Webhooks.Grains.Retention;

[GenerateSerializer, Immutable, Alias("akademia.RetentionBucketState")]
public sealed record RetentionBucketState
{
    /// <summary>What falls due in this bucket's hour and has not been purged yet.</summary>
    [Id(0)] public RetentionFiling[] Filings { get; init; } = [];
}
