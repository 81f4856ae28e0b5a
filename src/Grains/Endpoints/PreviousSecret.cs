namespace Akademia.Webhooks.Grains.Endpoints;

[GenerateSerializer, Immutable, Alias("akademia.PreviousSecret")]
public sealed record PreviousSecret(
    [property: Id(0)] string ProtectedSecret,
    [property: Id(1)] DateTimeOffset ExpiresAt);
