namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One inbound HTTP request as received: the raw body and the request headers.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.InboundRequest")]
public sealed record InboundRequest
{
    /// <summary>The source the request was sent to.</summary>
    [Id(0)] public required string SourceId { get; init; }

    /// <summary>The body exactly as received: signatures are computed over these bytes.</summary>
    [Id(1)] public required byte[] Body { get; init; }

    /// <summary>Request headers by name (any case); repeated headers joined with commas.</summary>
    [Id(2)] public required Dictionary<string, string> Headers { get; init; }
}
