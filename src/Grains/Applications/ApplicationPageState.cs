namespace Akademia.Webhooks.Grains.Applications;

[GenerateSerializer, Immutable, Alias("akademia.ApplicationPageState")]
public sealed record ApplicationPageState
{
    /// <summary>At most <see cref="ApplicationPageGrain.Capacity"/> applications, in creation order.</summary>
    [Id(0)] public Application[] Items { get; init; } = [];
}
