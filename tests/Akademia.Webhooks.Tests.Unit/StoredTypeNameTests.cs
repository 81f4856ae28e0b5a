using Akademia.Webhooks.Grains.DeadLetters;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Endpoints;

namespace Akademia.Webhooks.Tests.Unit;

/// <summary>
/// State that Redis and Azure Tables stored before the renames of issue 13 names its types by the old
/// assemblies (<c>Grains</c>, <c>Grains.Abstractions</c>) and namespaces; it must still read, into the
/// same values, and nothing outside the platform's own serializable types may be smuggled in by name.
/// </summary>
public sealed class StoredTypeNameTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ADeliveryStoredUnderTheOldNamesReadsWithItsAttemptsAndMessageId()
    {
        const string Stored = """{"$id":"1","$type":"Akademia.Webhooks.Grains.Deliveries.DeliveryState, Grains","EventId":"evt_1","EndpointId":"ep_1","EventType":"grade.created","WebhookId":"evt_1:ep_1","Status":1,"Attempts":{"$type":"Akademia.Webhooks.DeliveryAttempt[], Grains.Abstractions","$values":[{"$id":"2","$type":"Akademia.Webhooks.DeliveryAttempt, Grains.Abstractions","Number":1,"StartedAt":"2026-11-30T09:00:00+00:00","DurationMs":4.5,"StatusCode":200,"ResponseBody":"ok","Url":"https://r.example/h"}]},"CreatedAt":"2026-11-30T09:00:00+00:00","UpdatedAt":"2026-11-30T09:00:00+00:00"}""";

        var state = StorageJson.Read<DeliveryState>(Stored);

        Assert.Equal("evt_1:ep_1", state.MessageId);
        Assert.Equal(DeliveryStatus.Delivered, state.Status);
        Assert.Equal(new DeliveryAttempt { Number = 1, StartedAt = At, DurationMs = 4.5, StatusCode = 200, ResponseBody = "ok", Url = "https://r.example/h" }, Assert.Single(state.Attempts));
    }

    [Fact]
    public void AnEndpointStoredAsWebhookEndpointReadsAsEndpointDetails()
    {
        const string Stored = """{"$id":"1","$type":"Akademia.Webhooks.Grains.Endpoints.EndpointState, Grains","Endpoint":{"$id":"2","$type":"Akademia.Webhooks.WebhookEndpoint, Grains.Abstractions","Id":"ep_1","Url":"https://r.example/h","Events":{"$type":"System.String[], System.Private.CoreLib","$values":["grade.created"]},"Active":true,"CreatedAt":"2026-11-30T09:00:00+00:00"},"ProtectedSecret":"p","PreviousSecrets":{"$type":"Akademia.Webhooks.Grains.Endpoints.PreviousSecret[], Grains","$values":[]}}""";

        var state = StorageJson.Read<EndpointState>(Stored);

        Assert.Equal("ep_1", state.Endpoint!.Id);
        Assert.Equal(["grade.created"], state.Endpoint.Events);
        Assert.True(state.Endpoint.Active);
        Assert.Empty(state.PreviousSecrets);
    }

    [Fact]
    public void ALogSegmentWhoseEntryTypeMovedNamespaceReads()
    {
        const string Stored = """{"$id":"1","$type":"Akademia.Webhooks.Grains.Deliveries.DeliveryLogSegmentState, Grains","Entries":{"$type":"Akademia.Webhooks.Grains.DeliveryLogEntry[], Grains","$values":[{"$id":"2","$type":"Akademia.Webhooks.Grains.DeliveryLogEntry, Grains","DeliveryId":"evt_1:ep_1","CreatedAt":"2026-11-30T09:00:00+00:00"}]}}""";

        Assert.Equal(new DeliveryLogEntry("evt_1:ep_1", At), Assert.Single(StorageJson.Read<DeliveryLogSegmentState>(Stored).Entries));
    }

    [Fact]
    public void ADeadLetterStoredWithWebhookConfigIdKeepsItsEndpoint()
    {
        const string Stored = """{"$id":"1","$type":"Akademia.Webhooks.Grains.DeadLetters.DeadLetterState, Grains","Entry":{"$id":"2","$type":"Akademia.Webhooks.DeadLetterEntry, Grains.Abstractions","Id":"evt_1:ep_1","EventId":"evt_1","WebhookConfigId":"ep_1","EventType":"grade.created","Url":"https://r.example/h","Payload":"{}","Attempts":7,"FailedAt":"2026-11-30T09:00:00+00:00","CreatedAt":"2026-11-30T09:00:00+00:00"}}""";

        var entry = StorageJson.Read<DeadLetterState>(Stored).Entry!;

        Assert.Equal("ep_1", entry.EndpointId);
        Assert.Equal(7, entry.Attempts);
    }

    [Fact]
    public void OldNamesInsideGenericArgumentsAreRewrittenToo()
    {
        const string Stored = """{"$type":"System.Collections.Generic.List`1[[Akademia.Webhooks.DeliveryAttempt, Grains.Abstractions]], System.Private.CoreLib","$values":[{"$type":"Akademia.Webhooks.DeliveryAttempt, Grains.Abstractions","Number":3}]}""";

        Assert.Equal(3, Assert.Single(StorageJson.Read<List<DeliveryAttempt>>(Stored)).Number);
    }

    [Fact]
    public void WhatIsWrittenNowCarriesTheNewNames()
    {
        var json = StorageJson.Write(new DeliveryLogSegmentState { Entries = [new("evt_1:ep_1", At)] });

        Assert.Contains("\"Akademia.Webhooks.Grains.Deliveries.DeliveryLogEntry, Akademia.Webhooks.Grains\"", json, StringComparison.Ordinal);
        Assert.Equal(new DeliveryLogEntry("evt_1:ep_1", At), Assert.Single(StorageJson.Read<DeliveryLogSegmentState>(json).Entries));
    }

    [Fact]
    public void ANameInAnOldAssemblyThatIsNoPlatformTypeIsStillRefused()
    {
        const string Stored = """{"$type":"Akademia.Webhooks.Grains.Nothing.Exploit, Grains","Value":1}""";

        Assert.Throws<Newtonsoft.Json.JsonSerializationException>(() => StorageJson.Read<object>(Stored));
    }
}
