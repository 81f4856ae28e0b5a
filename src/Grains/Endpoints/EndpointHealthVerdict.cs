namespace Akademia.Webhooks.Grains.Endpoints;

/// <summary>What one attempt report does to an endpoint (see <see cref="EndpointHealthPolicy.Judge"/>).</summary>
/// <param name="Next">The health state from now on.</param>
/// <param name="Disabled">The endpoint as disabled, when it is to be disabled now (its reason in <see cref="EndpointDetails.DisabledReason"/>).</param>
/// <param name="Events">The operational events to emit, in order.</param>
/// <param name="MustWrite">Whether the stored state changes: the streak began, ended or was announced, or the endpoint is disabled.</param>
public sealed record EndpointHealthVerdict(
    EndpointHealthState Next,
    EndpointDetails? Disabled,
    IReadOnlyList<EndpointHealthEvent> Events,
    bool MustWrite);
