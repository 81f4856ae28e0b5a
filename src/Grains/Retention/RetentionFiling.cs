namespace Akademia.Webhooks.Grains.Retention;

/// <summary>One thing filed for purging: which grain (<see cref="Kind"/>) and its key.</summary>
[GenerateSerializer, Immutable, Alias("akademia.RetentionFiling")]
public sealed record RetentionFiling(
    [property: Id(0)] RetentionKind Kind,
    [property: Id(1)] string Id);
