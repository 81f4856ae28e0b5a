namespace Akademia.Webhooks.Grains.Endpoints;

/// <summary>
/// An endpoint's current failure streak: when it began and whether it was announced (both stored, see
/// <see cref="EndpointState"/>), and how many attempts in a row failed (in memory, counted from the activation).
/// </summary>
public readonly record struct EndpointHealthState(DateTimeOffset? FailingSince, bool FailingAnnounced, int ConsecutiveFailures)
{
    /// <summary>No streak: the state after a success, or after the endpoint is enabled again.</summary>
    public static EndpointHealthState Healthy => default;
}
