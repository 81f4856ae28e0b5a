namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The providers an inbound source can verify and parse.
/// </summary>
public static class InboundProviders
{
    /// <summary>Stripe: <c>Stripe-Signature: t=…,v1=…</c>, one event per body.</summary>
    public const string Stripe = "stripe";

    /// <summary>GitHub: <c>X-Hub-Signature-256: sha256=…</c>, the event named by <c>X-GitHub-Event</c>.</summary>
    public const string GitHub = "github";

    /// <summary>Standard Webhooks: <c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>.</summary>
    public const string Standard = "standard";

    /// <summary>Any sender signing <c>sha256=</c> + hex HMAC-SHA256 of the body in a header of the source's choice.</summary>
    public const string Hmac = "hmac";

    /// <summary>Every provider, in the order the API lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Stripe, GitHub, Standard, Hmac];
}
