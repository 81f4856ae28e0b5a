namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// Which live secret signs <c>X-Webhook-Signature</c> during a rotation window. That header carries
/// one <c>sha256=…</c> value, which the specification's receivers compare whole, so it can carry only
/// one secret: the endpoint chooses which. (<c>webhook-signature</c> carries every live secret.)
/// </summary>
public static class SpecSignatureSecrets
{
    /// <summary>The newest secret (the default): receivers must switch when the rotation happens.</summary>
    public const string New = "new";

    /// <summary>The secret before the last rotation, until its window ends or the endpoint switches to <see cref="New"/>.</summary>
    public const string Previous = "previous";

    /// <summary>Whether <paramref name="value"/> is one of the choices.</summary>
    public static bool IsValid(string value) => value is New or Previous;
}
