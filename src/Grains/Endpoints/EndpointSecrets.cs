namespace Akademia.Webhooks.Grains.Endpoints;

/// <summary>
/// Secret rotation: a rotated-out secret keeps signing, next to the new one, until its window ends;
/// rotations are refused while the most previous secrets allowed are still in their window.
/// Secrets are handled here as stored (encrypted): this class never sees a plain one.
/// </summary>
public static class EndpointSecrets
{
    /// <summary>The previous secrets still in their window at <paramref name="now"/>, newest first.</summary>
    public static PreviousSecret[] InWindow(IEnumerable<PreviousSecret> previous, DateTimeOffset now) =>
        previous.Where(p => p.ExpiresAt > now).ToArray();

    /// <summary>The earliest moment another rotation is allowed, when one is refused now; <c>null</c> when it is allowed.</summary>
    public static DateTimeOffset? RotationRefusedUntil(IReadOnlyCollection<PreviousSecret> inWindow, int maxPrevious) =>
        inWindow.Count >= maxPrevious ? inWindow.Min(p => p.ExpiresAt) : null;

    /// <summary>The previous secrets once <paramref name="current"/> is rotated out: it comes first and signs until <paramref name="expiresAt"/>.</summary>
    public static PreviousSecret[] RotateOut(string current, IEnumerable<PreviousSecret> inWindow, DateTimeOffset expiresAt) =>
        [new PreviousSecret(current, expiresAt), .. inWindow];

    /// <summary>Every secret that signs an attempt at <paramref name="now"/>: the current one first, then the previous ones in their window.</summary>
    public static IEnumerable<string> Signing(string current, IEnumerable<PreviousSecret> previous, DateTimeOffset now) =>
        previous.Where(p => p.ExpiresAt > now).Select(p => p.ProtectedSecret).Prepend(current);

    /// <summary>
    /// Which of the <paramref name="signingCount"/> signing secrets signs <c>X-Webhook-Signature</c>: the
    /// previous secret is the newest one rotated out; once its window ends, only the new one is left.
    /// </summary>
    public static int SpecSecretIndex(string signWith, int signingCount) =>
        signWith == SpecSignatureSecrets.Previous && signingCount > 1 ? 1 : 0;
}
