namespace Akademia.Webhooks.Grains.ClientErrors;

/// <summary>What one slot of the client-error ring stores: one report and its sequence number.</summary>
[GenerateSerializer, Immutable, Alias("akademia.ClientErrorSlotState")]
public sealed record ClientErrorSlotState
{
    [Id(0)] public long Sequence { get; init; } = -1;

    [Id(1)] public ClientError? Error { get; init; }
}
