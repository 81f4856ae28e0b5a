namespace Akademia.Webhooks.Grains.Endpoints;

[GenerateSerializer, Immutable, Alias("akademia.EndpointPageState")]
public sealed record EndpointPageState
{
    /// <summary>At most <see cref="EndpointPageGrain.Capacity"/> endpoints (deleted ones included), in creation order.</summary>
    [Id(0)] public EndpointDetails[] Items { get; init; } = [];
}
