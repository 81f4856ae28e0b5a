using System.Diagnostics;
using Akademia.Webhooks.Hosting;

namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// A first attempt runs inside the publish's trace (Orleans carries it from the gateway through the
/// event to the delivery, and the outgoing POST carries it on as <c>traceparent</c>). A retry is started
/// minutes later by a reminder, with no trace of the publish current: it gets a trace of its own,
/// linked to the publish's through the context the delivery stored.
/// </summary>
public static class DeliveryTracing
{
    /// <summary>The current W3C trace context, to be stored with a new delivery.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>The span of a retry's attempt, linked to the publish's trace; none for a first attempt.</summary>
    public static Activity? StartRetry(string deliveryId, DeliveryState current)
    {
        if (current.Attempts.Length == 0)
        {
            return null;
        }

        ActivityLink[]? links = ActivityContext.TryParse(current.TraceParent, null, out var published) ? [new ActivityLink(published)] : null;
        var retry = PlatformTracing.Source.StartActivity("delivery retry", ActivityKind.Internal, parentContext: default, links: links);
        retry?.SetTag("akademia.delivery.id", deliveryId);
        retry?.SetTag("akademia.endpoint.id", current.EndpointId);
        retry?.SetTag("akademia.delivery.attempt", current.Attempts.Length + 1);
        return retry;
    }
}
