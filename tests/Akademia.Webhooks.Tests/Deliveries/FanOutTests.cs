using System.Net;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Deliveries;

/// <summary>Has a cluster of its own: its wildcard subscription would see every other test's events.</summary>
public sealed class FanOutTests(PlatformFixture platform) : IClassFixture<PlatformFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task PublishFansOutOnlyToSubscribedActiveEndpoints()
    {
        var type = await platform.NewEventTypeAsync();
        var otherType = await platform.NewEventTypeAsync();
        var other = await WebhookReceiver.StartAsync();
        await using var _ = other;
        var (subscribed, _) = await platform.CreateEndpointAsync(_receiver.Url("/a"), type);
        var (wildcard, _) = await platform.CreateEndpointAsync(_receiver.Url("/b"), "*");
        await platform.CreateEndpointAsync(other.Url("/c"), otherType);
        var (inactive, _) = await platform.CreateEndpointAsync(other.Url("/d"), type);
        var (deleted, _) = await platform.CreateEndpointAsync(other.Url("/e"), type);
        await platform.Http.PutAsync($"/api/webhooks/{inactive}", FirstDeliveryTests.JsonContent(new { active = false }));
        Assert.Equal(HttpStatusCode.OK, (await platform.Http.DeleteAsync($"/api/webhooks/{deleted}")).StatusCode);

        var published = await platform.PublishAsync(new { id = "evt-fanout", type, data = new { title = "t" } });

        Assert.Equal(2, published["deliveries"]!.GetValue<int>());
        await platform.WaitForDeliveryAsync($"evt-fanout:{subscribed}", d => d.Status == DeliveryStatus.Delivered);
        await platform.WaitForDeliveryAsync($"evt-fanout:{wildcard}", d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal(["/a", "/b"], _receiver.Received.Select(r => r.Path).Order());
        Assert.Empty(other.Received);
    }
}
