using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Deliveries;

public sealed class AutoDisableTests(ShortAutoDisableFixture platform) : IClassFixture<ShortAutoDisableFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task EndpointFailingWithoutSuccessForTheWindowIsDisabledAndListedWorstFirst()
    {
        _receiver.RespondWith(500);
        var type = await platform.NewEventTypeAsync();
        var (healthyId, _) = await platform.CreateEndpointAsync(_receiver.Url("/unused"), await platform.NewEventTypeAsync());
        var (failing, _) = await platform.CreateEndpointAsync(_receiver.Url("/window"), type);

        await platform.PublishAsync(new { id = "window-1", type, data = new { } });

        await Eventually.HoldsAsync(
            async () => !(await platform.GetDataAsync($"/api/webhooks/{failing}"))["active"]!.GetValue<bool>(),
            TimeSpan.FromSeconds(20), () => "the endpoint was not disabled");
        var endpoint = await platform.GetDataAsync($"/api/webhooks/{failing}");
        Assert.StartsWith("failing without a success since", endpoint["disabledReason"]!.GetValue<string>(), StringComparison.Ordinal);
        var delivery = await platform.Grains.GetGrain<IDeliveryGrain>($"window-1:{failing}").GetAsync();
        Assert.Equal(DeliveryStatus.Pending, delivery!.Status);

        var listed = (await platform.GetDataAsync("/api/admin/endpoints/health")).AsArray();
        Assert.Equal(failing, listed[0]!["endpointId"]!.GetValue<string>());
        Assert.False(listed[0]!["active"]!.GetValue<bool>());
        Assert.True(listed[0]!["score"]!.GetValue<double>() < 1);
        Assert.Contains(listed, h => h!["endpointId"]!.GetValue<string>() == healthyId && h["score"]!.GetValue<double>() == 1);
    }
}
