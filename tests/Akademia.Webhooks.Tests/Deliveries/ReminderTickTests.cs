using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Deliveries;

/// <summary>
/// Reminder ticks can repeat or come late; a tick is only ever a request to attempt if one is due.
/// The spec's hour-long ladder keeps retries from falling due on their own here.
/// </summary>
public sealed class ReminderTickTests(ManualRetryFixture platform) : IClassFixture<ManualRetryFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task RepeatedTicksNeitherRepeatAnAttemptNorRetryBeforeItIsDue()
    {
        _receiver.RespondWith(500);
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/ticks"), type);
        await platform.PublishAsync(new { id = "ticks-pending", type, data = new { } });
        var deliveryId = $"ticks-pending:{endpointId}";
        await platform.AttemptRecordedAsync(_receiver, deliveryId, 1);
        var pending = (await platform.Grains.GetGrain<IDeliveryGrain>(deliveryId).GetAsync())!;
        Assert.Single(pending.Attempts);
        Assert.True(pending.NextAttemptAt > DateTimeOffset.UtcNow.AddMinutes(50));

        // The same path a reminder tick takes, several times over, and manual processing without force.
        var worker = platform.Grains.GetGrain<IDeliveryInternalGrain>(deliveryId);
        for (var i = 0; i < 5; i++)
        {
            await worker.AttemptIfDueAsync(false);
        }

        Assert.Equal(0, (await platform.PostDataAsync("/api/admin/webhooks/process"))["processed"]!.GetValue<int>());
        var after = await platform.Grains.GetGrain<IDeliveryGrain>(deliveryId).GetAsync();
        Assert.Single(after!.Attempts);
        Assert.Single(_receiver.Received);
    }

    [Fact]
    public async Task TicksForADeliveredDeliveryMakeNoRequest()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/ticks-done"), type);
        await platform.PublishAsync(new { id = "ticks-done", type, data = new { } });
        var deliveryId = $"ticks-done:{endpointId}";
        await platform.AttemptRecordedAsync(_receiver, deliveryId, 1);
        Assert.Equal(DeliveryStatus.Delivered, (await platform.Grains.GetGrain<IDeliveryGrain>(deliveryId).GetAsync())!.Status);

        var worker = platform.Grains.GetGrain<IDeliveryInternalGrain>(deliveryId);
        for (var i = 0; i < 3; i++)
        {
            await worker.AttemptIfDueAsync(true);
        }

        Assert.False(await worker.ProcessNowAsync(force: true));
        Assert.Single((await platform.Grains.GetGrain<IDeliveryGrain>(deliveryId).GetAsync())!.Attempts);
        Assert.Single(_receiver.Received);
    }
}
