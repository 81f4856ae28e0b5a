namespace Akademia.Webhooks.Grains.ApiKeys;

[GenerateSerializer, Immutable, Alias("akademia.ApiKeyPageState")]
public sealed record ApiKeyPageState
{
    /// <summary>Oldest first; never more than <see cref="ApiKeyPageGrain.Capacity"/>.</summary>
    [Id(0)] public List<ApiKeyDetails> Keys { get; init; } = [];
}
