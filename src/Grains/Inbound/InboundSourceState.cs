using Akademia.Webhooks.Grains.Security;

namespace Akademia.Webhooks.Grains.Inbound;

[GenerateSerializer, Immutable, Alias("akademia.InboundSourceState")]
public sealed record InboundSourceState
{
    [Id(0)] public InboundSource? Source { get; init; }

    /// <summary>The current secret, encrypted (see <see cref="SecretProtector"/>).</summary>
    [Id(1)] public string? ProtectedSecret { get; init; }

    /// <summary>Secrets still accepted, encrypted.</summary>
    [Id(2)] public string[] ProtectedPreviousSecrets { get; init; } = [];

    [Id(3)] public DateTimeOffset? DeletedAt { get; init; }
}
