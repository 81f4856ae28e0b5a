using Akademia.Webhooks.Grains.Security;

namespace Akademia.Webhooks.Grains.Endpoints;

[GenerateSerializer, Immutable, Alias("akademia.EndpointState")]
public sealed record EndpointState
{
    [Id(0)] public EndpointDetails? Endpoint { get; init; }

    /// <summary>The signing secret, encrypted (see <see cref="SecretProtector"/>).</summary>
    [Id(1)] public string? ProtectedSecret { get; init; }

    /// <summary>Secrets rotated out, encrypted, newest first.</summary>
    [Id(2)] public PreviousSecret[] PreviousSecrets { get; init; } = [];

    /// <summary>The first failed attempt since the last success; written only when a streak starts or ends.</summary>
    [Id(3)] public DateTimeOffset? FailingSince { get; init; }

    /// <summary>Whether <c>webhook.endpoint.failing</c> was emitted for the current streak.</summary>
    [Id(4)] public bool FailingAnnounced { get; init; }

    /// <summary>Set with every change the directory must list; cleared once it confirmed (stored with the next write).</summary>
    [Id(5)] public bool IndexPending { get; init; }
}
