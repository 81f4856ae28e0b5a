namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The answer to a create: the endpoint and its signing secret, which is never returned again.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.CreatedEndpoint")]
public sealed record CreatedEndpoint(
    [property: Id(0)] EndpointDetails Endpoint,
    [property: Id(1)] string Secret);
