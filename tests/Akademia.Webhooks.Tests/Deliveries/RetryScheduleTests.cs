using System.Net;
using System.Net.Http.Json;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Tests.Api;
using Akademia.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Akademia.Webhooks.Tests.Deliveries;

/// <summary>
/// Manual processing finds pending deliveries through the retry schedule, not the reminder table.
/// The hour-long ladder keeps every retry from falling due by itself; each test works in an
/// application of its own, so counts are exact although the tests share a cluster.
/// </summary>
public sealed class RetryScheduleTests(ManualRetryFixture platform) : IClassFixture<ManualRetryFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task ForcedProcessingStartsAPendingDeliveryWhoseReminderRowIsGone()
    {
        var (app, deliveryId) = await PendingDeliveryAsync("/no-row");
        var grain = GrainId.Create("delivery", deliveryId);
        var reminders = platform.SiloServices.GetRequiredService<IReminderTable>();
        var row = await reminders.ReadRow(grain, DeliveryGrain.RetryReminder) ?? throw new InvalidOperationException("the pending delivery has no reminder row");
        Assert.True(await reminders.RemoveRow(grain, DeliveryGrain.RetryReminder, row.ETag!));
        _receiver.RespondWith(200);

        var processed = await platform.PostDataAsync($"/api/admin/webhooks/process?force=true&applicationId={app}");

        Assert.Equal(1, processed["processed"]!.GetValue<int>());
        await platform.AttemptRecordedAsync(_receiver, deliveryId, 2);
        Assert.Equal(DeliveryStatus.Delivered, (await platform.WaitForDeliveryAsync(deliveryId, d => d.Status == DeliveryStatus.Delivered)).Status);
    }

    [Fact]
    public async Task ProcessingWithAnApplicationFilterStartsOnlyThatApplicationsDeliveries()
    {
        var (app, chosen) = await PendingDeliveryAsync("/chosen");
        var (_, other) = await PendingDeliveryAsync("/other");

        var processed = await platform.PostDataAsync($"/api/admin/webhooks/process?force=true&applicationId={app}");

        Assert.Equal(1, processed["processed"]!.GetValue<int>());
        await platform.AttemptRecordedAsync(_receiver, chosen, 2);
        Assert.Single((await platform.Grains.GetGrain<IDeliveryGrain>(other).GetAsync())!.Attempts);
    }

    [Fact]
    public async Task ProcessingWithoutForceLeavesARetryThatIsNotDueYet()
    {
        var (app, deliveryId) = await PendingDeliveryAsync("/not-due");

        var processed = await platform.PostDataAsync($"/api/admin/webhooks/process?applicationId={app}");

        Assert.Equal(0, processed["processed"]!.GetValue<int>());
        Assert.Single((await platform.Grains.GetGrain<IDeliveryGrain>(deliveryId).GetAsync())!.Attempts);
    }

    [Fact]
    public async Task APendingDeliveryIsFiledUnderTheMinuteOfItsNextAttemptAndForgottenOnceSettled()
    {
        var (app, deliveryId) = await PendingDeliveryAsync("/filed");
        var next = (await platform.Grains.GetGrain<IDeliveryGrain>(deliveryId).GetAsync())!.NextAttemptAt!.Value;
        var bucket = platform.Grains.GetGrain<IRetryBucketInternalGrain>(RetrySchedule.BucketKey(RetrySchedule.PartitionOf(deliveryId), RetrySchedule.MinuteOf(next)));
        Assert.Contains(deliveryId, await bucket.ReadAsync());
        Assert.Contains(RetrySchedule.MinuteOf(next), await platform.Grains.GetGrain<IRetryScheduleInternalGrain>(RetrySchedule.PartitionOf(deliveryId)).ListAsync(long.MaxValue));

        _receiver.RespondWith(200);
        await platform.PostDataAsync($"/api/admin/webhooks/process?force=true&applicationId={app}");
        await platform.WaitForDeliveryAsync(deliveryId, d => d.Status == DeliveryStatus.Delivered);

        // The next pass hears that the delivery settled and forgets it; nothing is started twice.
        Assert.Equal(0, (await platform.PostDataAsync($"/api/admin/webhooks/process?force=true&applicationId={app}"))["processed"]!.GetValue<int>());
        Assert.DoesNotContain(deliveryId, await bucket.ReadAsync());
        Assert.Equal(2, _receiver.Received.Count(r => r.Path == "/filed"));
    }

    [Fact]
    public async Task PruningForgetsStaleFilingsOfPassedMinutesAndDropsTheEmptiedBucket()
    {
        // A filing whose delivery does not exist, in a minute long past: what a settled delivery leaves behind.
        var partition = RetrySchedule.PartitionOf("no-such-delivery");
        var minute = RetrySchedule.MinuteOf(DateTimeOffset.UtcNow.AddHours(-3));
        var bucket = platform.Grains.GetGrain<IRetryBucketInternalGrain>(RetrySchedule.BucketKey(partition, minute));
        var schedule = platform.Grains.GetGrain<IRetryScheduleInternalGrain>(partition);
        await bucket.AddAsync("no-such-delivery");
        Assert.Contains(minute, await schedule.ListAsync(long.MaxValue));

        await schedule.PruneAsync();

        Assert.Empty(await bucket.ReadAsync());
        Assert.DoesNotContain(minute, await schedule.ListAsync(long.MaxValue));
    }

    private async Task<(string App, string DeliveryId)> PendingDeliveryAsync(string path)
    {
        _receiver.RespondWith(500);
        var app = "app-retry-" + Guid.NewGuid().ToString("N")[..12];
        await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync("/api/apps", new { id = app, name = app }), HttpStatusCode.Created);
        var type = await platform.NewEventTypeAsync();
        var created = await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync($"/api/apps/{app}/webhooks", new { url = _receiver.Url(path), events = new[] { type } }), HttpStatusCode.Created);
        var endpointId = created["id"]!.GetValue<string>();
        var eventId = "evt-retry-" + Guid.NewGuid().ToString("N");
        await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync($"/api/apps/{app}/events", new { id = eventId, type, data = new { } }), HttpStatusCode.Accepted);
        var deliveryId = $"{eventId}:{endpointId}";
        await platform.AttemptRecordedAsync(_receiver, deliveryId, 1);
        await platform.WaitForDeliveryAsync(deliveryId, d => d.NextAttemptAt > DateTimeOffset.UtcNow.AddMinutes(50));
        return (app, deliveryId);
    }
}
