namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The answer to a secret rotation: the new secret, returned this once.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.RotatedSecret")]
public sealed record RotatedSecret(
    [property: Id(0)] string Secret,
    [property: Id(1)] DateTimeOffset PreviousSecretExpiresAt,
    [property: Id(2)] string SignWith = SpecSignatureSecrets.New);
