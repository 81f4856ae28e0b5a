namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>Options of a secret rotation.</summary>
[GenerateSerializer, Immutable, Alias("akademia.SecretRotation")]
public sealed record SecretRotation
{
    /// <summary>
    /// Which secret signs <c>X-Webhook-Signature</c> from now on (<see cref="SpecSignatureSecrets"/>);
    /// <c>null</c> keeps the endpoint's setting.
    /// </summary>
    [Id(0)] public string? SignWith { get; init; }
}
