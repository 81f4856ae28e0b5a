namespace Akademia.Webhooks.Grains.ClientErrors;

/// <summary>The client-error ring's head: the next report's sequence number, a few bytes written per report.</summary>
[GenerateSerializer, Immutable, Alias("akademia.ClientErrorRingState")]
public sealed record ClientErrorRingState
{
    [Id(0)] public long Next { get; init; }
}
