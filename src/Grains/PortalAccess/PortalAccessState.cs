namespace Akademia.Webhooks.Grains.PortalAccess;

[GenerateSerializer, Immutable, Alias("akademia.PortalAccessState")]
public sealed record PortalAccessState
{
    /// <summary>Tokens carry the epoch they were issued in; only the current one is accepted.</summary>
    [Id(0)] public long Epoch { get; init; }

    [Id(1)] public DateTimeOffset? RevokedAt { get; init; }
}
