namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// What an operator supplies to create an inbound source: a third party that POSTs webhooks to
/// <c>/api/inbound/{id}</c>, authenticated by its signature.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.InboundSourceDefinition")]
public sealed record InboundSourceDefinition
{
    /// <summary>One of <see cref="InboundProviders"/>.</summary>
    [Id(0)] public required string Provider { get; init; }

    /// <summary>
    /// The signing secret the provider uses: Stripe's <c>whsec_…</c> endpoint secret, GitHub's webhook
    /// secret, a Standard Webhooks <c>whsec_</c> + base64 key (24–64 bytes), or the shared HMAC key.
    /// Stored encrypted and never returned.
    /// </summary>
    [Id(1)] public required string Secret { get; init; }

    /// <summary>Secrets still accepted while the provider rotates to <see cref="Secret"/> (at most 10).</summary>
    [Id(2)] public string[]? PreviousSecrets { get; init; }

    /// <summary>Requests accepted per minute, cluster-wide; 1000 when absent.</summary>
    [Id(3)] public int? RateLimitPerMinute { get; init; }

    /// <summary>Processing attempts before a message is dead-lettered; by provider when absent (Stripe 5, GitHub 7, others 5).</summary>
    [Id(4)] public int? MaxAttempts { get; init; }

    /// <summary>Prepended to the provider's event type to name the platform event type; <c>{provider}.</c> when absent.</summary>
    [Id(5)] public string? EventTypePrefix { get; init; }

    /// <summary>The header carrying <c>sha256=</c> + hex signature; <c>hmac</c> sources only, <c>X-Webhook-Signature</c> when absent.</summary>
    [Id(6)] public string? SignatureHeader { get; init; }

    /// <summary>
    /// The application whose endpoints receive the events of this source (it must exist);
    /// <see cref="ApplicationIds.Default"/> when absent. It cannot be changed afterwards.
    /// </summary>
    [Id(7)] public string? ApplicationId { get; init; }
}
