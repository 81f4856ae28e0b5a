using Akademia.Webhooks.Grains.Events;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class OperationalEventIdTests
{
    [Fact]
    public void IdNamesTheTypeAndTheOccasion()
    {
        Assert.Equal("op_webhook_delivery_exhausted_evt-1:ep_1", OperationalEventEmitter.EventId(OperationalEvents.DeliveryExhausted, "evt-1:ep_1"));
        Assert.Equal("op_webhook_endpoint_failing_ep_1_638000000000000000", OperationalEventEmitter.EventId(OperationalEvents.EndpointFailing, "ep_1_638000000000000000"));
    }

    [Fact]
    public void TheSameOccasionAlwaysGivesTheSameIdAndAnotherAnother()
    {
        Assert.Equal(OperationalEventEmitter.EventId(OperationalEvents.EndpointDisabled, "ep_1_5"), OperationalEventEmitter.EventId(OperationalEvents.EndpointDisabled, "ep_1_5"));
        Assert.NotEqual(OperationalEventEmitter.EventId(OperationalEvents.EndpointDisabled, "ep_1_5"), OperationalEventEmitter.EventId(OperationalEvents.EndpointDisabled, "ep_1_6"));
        Assert.NotEqual(OperationalEventEmitter.EventId(OperationalEvents.EndpointDisabled, "ep_1_5"), OperationalEventEmitter.EventId(OperationalEvents.EndpointRecovered, "ep_1_5"));
    }

    [Fact]
    public void AnOccasionTooLongForAnEventIdIsShortenedToItsHash()
    {
        var occasion = "evt-" + new string('x', 120) + ":ep_1";

        var id = OperationalEventEmitter.EventId(OperationalEvents.DeliveryExhausted, occasion);

        Assert.Equal("op_webhook_delivery_exhausted_".Length + 64, id.Length);
        Assert.StartsWith("op_webhook_delivery_exhausted_", id, StringComparison.Ordinal);
        Assert.Matches("^[A-Za-z0-9_:-]{1,128}$", id);
        Assert.NotEqual(id, OperationalEventEmitter.EventId(OperationalEvents.DeliveryExhausted, occasion + "2"));
    }
}
