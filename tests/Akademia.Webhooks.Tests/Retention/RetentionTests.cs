using System.Net;
using System.Net.Http.Json;
using Akademia.Webhooks.Grains.DeadLetters;
using Akademia.Webhooks.Grains.Events;
using Akademia.Webhooks.Grains.Retention;
using Akademia.Webhooks.Tests.Api;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Retention;

/// <summary>
/// Retention and payload erasure on a real silo with a fake clock: the test moves the clock past a
/// due time, then sweeps the event's partition with the call each reminder tick makes (a sweep
/// already started by the tick is joined, so the purges are done when it answers).
/// </summary>
public sealed class RetentionTests(RetentionFixture platform) : IClassFixture<RetentionFixture>, IAsyncLifetime
{
    private static readonly object OneAttempt = new { strategy = "linear", baseDelaySeconds = 1, maxAttempts = 1, jitterFactor = 0 };

    // A day between attempts: a failed delivery stays pending however far a test moves the clock.
    private static readonly object SlowRetries = new { strategy = "linear", baseDelaySeconds = 86_400, maxDelaySeconds = 86_400, maxAttempts = 5, jitterFactor = 0 };

    private WebhookReceiver _ok = null!;
    private WebhookReceiver _failing = null!;

    public async Task InitializeAsync()
    {
        _ok = await WebhookReceiver.StartAsync();
        _failing = await WebhookReceiver.StartAsync();
        _failing.RespondWith(500);
    }

    public async Task DisposeAsync()
    {
        await _ok.DisposeAsync();
        await _failing.DisposeAsync();
    }

    [Fact]
    public async Task AnEventPastItsRetentionIsPurgedWithItsDeliveriesAndDeadLetterAndOneInsideItIsKept()
    {
        var app = await NewApplicationAsync(retention: null);
        var type = await platform.NewEventTypeAsync();
        var delivered = await NewEndpointAsync(app, _ok, type, OneAttempt);
        var deadLettered = await NewEndpointAsync(app, _failing, type, OneAttempt);
        var old = await PublishAsync(app, type);
        await platform.WaitForDeliveryAsync($"{old}:{delivered}", d => d.Status == DeliveryStatus.Delivered);
        await platform.WaitForDeliveryAsync($"{old}:{deadLettered}", d => d.Status == DeliveryStatus.DeadLettered);
        await WaitForDeadLetterAsync($"{old}:{deadLettered}");

        await platform.Clock.AdvanceAsync(RetentionFixture.Retention - TimeSpan.FromDays(1));
        var recent = await PublishAsync(app, type);
        await platform.WaitForDeliveryAsync($"{recent}:{delivered}", d => d.Status == DeliveryStatus.Delivered);
        await WaitForDeadLetterAsync($"{recent}:{deadLettered}");
        var archived = await platform.Grains.GetGrain<IDeadLetterScopeGrain>(DeadLetterScopes.OfApplication(app)).GetCountsAsync();
        await platform.Clock.AdvanceAsync(TimeSpan.FromDays(1) + TimeSpan.FromHours(2));
        await SweepAsync(app, old, recent);

        Assert.Null(await platform.Grains.GetGrain<IEventGrain>(EventKeys.For(app, old)).GetBodyAsync());
        await ApiAssert.ErrorAsync(await platform.Http.GetAsync($"/api/apps/{app}/deliveries/{old}:{delivered}"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(await platform.Http.GetAsync($"/api/apps/{app}/deliveries/{old}:{deadLettered}"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(await platform.Http.GetAsync($"/api/apps/{app}/dead-letters/{old}:{deadLettered}"), HttpStatusCode.NotFound, ErrorCodes.NotFound);

        Assert.NotNull(await platform.Grains.GetGrain<IEventGrain>(EventKeys.For(app, recent)).GetBodyAsync());
        await ApiAssert.SuccessAsync(await platform.Http.GetAsync($"/api/apps/{app}/deliveries/{recent}:{delivered}"), HttpStatusCode.OK);
        await ApiAssert.SuccessAsync(await platform.Http.GetAsync($"/api/apps/{app}/dead-letters/{recent}:{deadLettered}"), HttpStatusCode.OK);

        // The archive's count is monotonic: a purged entry still counts as archived.
        var after = await platform.Grains.GetGrain<IDeadLetterScopeGrain>(DeadLetterScopes.OfApplication(app)).GetCountsAsync();
        Assert.Equal((2, archived.Archived), (archived.Archived, after.Archived));
    }

    [Fact]
    public async Task AnApplicationsOwnRetentionWinsOverTheDefault()
    {
        var shortLived = await NewApplicationAsync(retention: "01:00:00");
        var byDefault = await NewApplicationAsync(retention: null);
        var type = await platform.NewEventTypeAsync();
        var inShort = await NewEndpointAsync(shortLived, _ok, type, OneAttempt);
        var inDefault = await NewEndpointAsync(byDefault, _ok, type, OneAttempt);
        var gone = await PublishAsync(shortLived, type);
        var kept = await PublishAsync(byDefault, type);
        await platform.WaitForDeliveryAsync($"{gone}:{inShort}", d => d.Status == DeliveryStatus.Delivered);
        await platform.WaitForDeliveryAsync($"{kept}:{inDefault}", d => d.Status == DeliveryStatus.Delivered);

        await platform.Clock.AdvanceAsync(TimeSpan.FromHours(3));
        await SweepAsync(shortLived, gone);
        await SweepAsync(byDefault, kept);

        Assert.Null(await platform.Grains.GetGrain<IEventGrain>(EventKeys.For(shortLived, gone)).GetBodyAsync());
        await ApiAssert.ErrorAsync(await platform.Http.GetAsync($"/api/apps/{shortLived}/deliveries/{gone}:{inShort}"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        Assert.NotNull(await platform.Grains.GetGrain<IEventGrain>(EventKeys.For(byDefault, kept)).GetBodyAsync());
        await ApiAssert.SuccessAsync(await platform.Http.GetAsync($"/api/apps/{byDefault}/deliveries/{kept}:{inDefault}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnEventWithAPendingDeliveryIsKeptAndFiledAgainForLater()
    {
        var app = await NewApplicationAsync(retention: "00:10:00");
        var type = await platform.NewEventTypeAsync();
        var endpoint = await NewEndpointAsync(app, _failing, type, SlowRetries);
        var eventId = await PublishAsync(app, type);
        await platform.WaitForDeliveryAsync($"{eventId}:{endpoint}", d => d.Attempts.Length == 1 && d.Status == DeliveryStatus.Pending);

        await platform.Clock.AdvanceAsync(TimeSpan.FromHours(2));
        await SweepAsync(app, eventId);

        Assert.NotNull(await platform.Grains.GetGrain<IEventGrain>(EventKeys.For(app, eventId)).GetBodyAsync());
        var delivery = await ApiAssert.SuccessAsync(await platform.Http.GetAsync($"/api/apps/{app}/deliveries/{eventId}:{endpoint}"), HttpStatusCode.OK);
        Assert.Equal("pending", delivery["status"]!.GetValue<string>());

        // Filed again an hour on, in a bucket not yet due.
        var key = EventKeys.For(app, eventId);
        var hours = await platform.Grains.GetGrain<IRetentionSweeperInternalGrain>(RetentionSchedule.PartitionOf(key)).ListAsync();
        var now = platform.Clock.Time.GetUtcNow();
        var later = Assert.Single(hours, h => !RetentionSchedule.IsDue(h, now) && h == RetentionSchedule.HourOf(now + RetentionSchedule.RetryLater));
        Assert.Contains(new RetentionFiling(RetentionKind.Event, key),
            await platform.Grains.GetGrain<IRetentionBucketInternalGrain>(RetentionSchedule.BucketKey(RetentionSchedule.PartitionOf(key), later)).ReadAsync());
    }

    [Fact]
    public async Task AnEndpointsDeliveryLogDropsSealedSegmentsPastTheRetentionWhenItSealsTheNext()
    {
        var app = await NewApplicationAsync(retention: "01:00:00");
        var type = await platform.NewEventTypeAsync();
        var endpoint = await NewEndpointAsync(app, _ok, type, OneAttempt);
        var size = RetentionFixture.DeliveryLogSegmentSize;
        var old = await PublishDeliveredAsync(app, type, endpoint, size + 1);

        await platform.Clock.AdvanceAsync(TimeSpan.FromHours(2));
        var recent = await PublishDeliveredAsync(app, type, endpoint, size);

        // The second seal dropped the first segment (every entry older than an hour); the one it sealed is kept.
        Assert.Empty(await platform.Grains.GetGrain<Grains.Deliveries.IDeliveryLogSegmentGrain>($"{endpoint}/0").GetAsync());
        // The sweeper's own tick may have purged the old deliveries meanwhile (the clock moved past their
        // retention too): the listing holds the recent ones, then at most the old one in the kept segment.
        var listed = (await ApiAssert.SuccessAsync(await platform.Http.GetAsync($"/api/apps/{app}/webhooks/{endpoint}/deliveries?limit=100"), HttpStatusCode.OK))["items"]!
            .AsArray().Select(d => d!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(recent.Reverse().Select(e => $"{e}:{endpoint}"), listed.Take(size));
        Assert.Subset(new HashSet<string> { $"{old[^1]}:{endpoint}" }, listed.Skip(size).ToHashSet());
    }

    [Fact]
    public async Task ErasingAPayloadEmptiesTheEventBodyAndTheDeadLetterCopyAndKeepsTheMetadata()
    {
        var app = await NewApplicationAsync(retention: null);
        var type = await platform.NewEventTypeAsync();
        var endpoint = await NewEndpointAsync(app, _failing, type, OneAttempt);
        var eventId = await PublishAsync(app, type, secret: "a-private-detail");
        var deliveryId = $"{eventId}:{endpoint}";
        await platform.WaitForDeliveryAsync(deliveryId, d => d.Status == DeliveryStatus.DeadLettered);
        await WaitForDeadLetterAsync(deliveryId, app);

        var erased = await ApiAssert.SuccessAsync(await platform.Http.DeleteAsync($"/api/apps/{app}/events/{eventId}/payload"), HttpStatusCode.OK);

        Assert.Equal(eventId, erased["eventId"]!.GetValue<string>());
        Assert.Equal(1, erased["deadLetterCopiesErased"]!.GetValue<int>());
        Assert.Equal(0, erased["deliveriesCanceled"]!.GetValue<int>());
        Assert.Null(await platform.Grains.GetGrain<IEventGrain>(EventKeys.For(app, eventId)).GetBodyAsync());
        var entry = await ApiAssert.SuccessAsync(await platform.Http.GetAsync($"/api/apps/{app}/dead-letters/{deliveryId}"), HttpStatusCode.OK);
        Assert.DoesNotContain("a-private-detail", entry.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(entry["payloadErasedAt"]);
        Assert.Equal(eventId, entry["eventId"]!.GetValue<string>());
        var delivery = await ApiAssert.SuccessAsync(await platform.Http.GetAsync($"/api/apps/{app}/deliveries/{deliveryId}"), HttpStatusCode.OK);
        Assert.Equal(("dead_lettered", 1), (delivery["status"]!.GetValue<string>(), delivery["attempts"]!.AsArray().Count));

        // With the copy purged meanwhile, erasing again still answers, with nothing more erased.
        await platform.Grains.GetGrain<IDeadLetterInternalGrain>(deliveryId).PurgeAsync();
        var again = await ApiAssert.SuccessAsync(await platform.Http.DeleteAsync($"/api/apps/{app}/events/{eventId}/payload"), HttpStatusCode.OK);
        Assert.Equal(0, again["deadLetterCopiesErased"]!.GetValue<int>());
        Assert.Equal(erased["payloadErasedAt"]!.GetValue<DateTimeOffset>(), again["payloadErasedAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task ErasingAPayloadCancelsDeliveriesStillPending()
    {
        var app = await NewApplicationAsync(retention: null);
        var type = await platform.NewEventTypeAsync();
        var endpoint = await NewEndpointAsync(app, _failing, type, SlowRetries);
        var eventId = await PublishAsync(app, type);
        var deliveryId = $"{eventId}:{endpoint}";
        await platform.WaitForDeliveryAsync(deliveryId, d => d.Attempts.Length == 1 && d.Status == DeliveryStatus.Pending);

        var erased = await ApiAssert.SuccessAsync(await platform.Http.DeleteAsync($"/api/apps/{app}/events/{eventId}/payload"), HttpStatusCode.OK);

        Assert.Equal(1, erased["deliveriesCanceled"]!.GetValue<int>());
        var delivery = await ApiAssert.SuccessAsync(await platform.Http.GetAsync($"/api/apps/{app}/deliveries/{deliveryId}"), HttpStatusCode.OK);
        Assert.Equal(("canceled", 1), (delivery["status"]!.GetValue<string>(), delivery["attempts"]!.AsArray().Count));
    }

    [Fact]
    public async Task ErasingThePayloadOfAnUnknownEventAnswers404InBothRoutes()
    {
        var app = await NewApplicationAsync(retention: null);

        await ApiAssert.ErrorAsync(await platform.Http.DeleteAsync($"/api/apps/{app}/events/evt-never-{Guid.NewGuid():N}/payload"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(await platform.Http.DeleteAsync($"/api/events/evt-never-{Guid.NewGuid():N}/payload"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task ErasingThePayloadOfADefaultApplicationEventWorksOnTheSpecificationsRoute()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpoint, _) = await platform.CreateEndpointAsync(_ok.Url(), type);
        var eventId = "evt-erase-" + Guid.NewGuid().ToString("N");
        await platform.PublishAsync(new { id = eventId, type, data = new { } });
        await platform.WaitForDeliveryAsync($"{eventId}:{endpoint}", d => d.Status == DeliveryStatus.Delivered);

        var erased = await ApiAssert.SuccessAsync(await platform.Http.DeleteAsync($"/api/events/{eventId}/payload"), HttpStatusCode.OK);

        Assert.Equal((eventId, 0, 0), (erased["eventId"]!.GetValue<string>(), erased["deadLetterCopiesErased"]!.GetValue<int>(), erased["deliveriesCanceled"]!.GetValue<int>()));
        Assert.Null(await platform.Grains.GetGrain<IEventGrain>(eventId).GetBodyAsync());
    }

    [Fact]
    public async Task ARetentionOutside1MinuteTo10YearsAnswers400()
    {
        var id = "retention-" + Guid.NewGuid().ToString("N")[..12];
        await ApiAssert.ValidationErrorAsync(await platform.Http.PostAsJsonAsync("/api/apps", new { id, name = id, retention = "00:00:30" }), "retention");
        await ApiAssert.ValidationErrorAsync(await platform.Http.PostAsJsonAsync("/api/apps", new { id, name = id, retention = "3651.00:00:00" }), "retention");

        await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync("/api/apps", new { id, name = id, retention = "7.00:00:00" }), HttpStatusCode.Created);
        await ApiAssert.ValidationErrorAsync(await platform.Http.PutAsJsonAsync($"/api/apps/{id}", new { retention = "00:00:00" }), "retention");
        var shown = await ApiAssert.SuccessAsync(await platform.Http.GetAsync($"/api/apps/{id}"), HttpStatusCode.OK);
        Assert.Equal("7.00:00:00", shown["retention"]!.GetValue<string>());
    }

    private async Task SweepAsync(string app, params string[] eventIds)
    {
        foreach (var partition in eventIds.Select(e => RetentionSchedule.PartitionOf(EventKeys.For(app, e))).Distinct())
        {
            await platform.Grains.GetGrain<IRetentionSweeperInternalGrain>(partition).SweepAsync();
        }
    }

    private async Task<string> NewApplicationAsync(string? retention)
    {
        var id = "retention-" + Guid.NewGuid().ToString("N")[..12];
        await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync("/api/apps", retention is null ? new { id, name = id } : (object)new { id, name = id, retention }), HttpStatusCode.Created);
        return id;
    }

    private async Task<string> NewEndpointAsync(string app, WebhookReceiver receiver, string type, object retryPolicy) =>
        (await ApiAssert.SuccessAsync(
            await platform.Http.PostAsJsonAsync($"/api/apps/{app}/webhooks", new { url = receiver.Url("/" + app), events = new[] { type }, retryPolicy }),
            HttpStatusCode.Created))["id"]!.GetValue<string>();

    private async Task<string> PublishAsync(string app, string type, string secret = "")
    {
        var id = "evt-retention-" + Guid.NewGuid().ToString("N");
        await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync($"/api/apps/{app}/events", new { id, type, data = new { secret } }), HttpStatusCode.Accepted);
        return id;
    }

    private async Task<string[]> PublishDeliveredAsync(string app, string type, string endpoint, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = await PublishAsync(app, type);
            await platform.WaitForDeliveryAsync($"{id}:{endpoint}", d => d.Status == DeliveryStatus.Delivered);
            ids.Add(id);
        }

        return [.. ids];
    }

    private async Task WaitForDeadLetterAsync(string id, string? app = null) =>
        await Eventually.HoldsAsync(async () => (await platform.Http.GetAsync(app is null ? $"/api/admin/webhooks/dead-letter-queue/{id}" : $"/api/apps/{app}/dead-letters/{id}")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), () => $"no dead-letter entry {id}");
}
