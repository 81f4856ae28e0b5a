using System.Net;
using System.Net.Http.Json;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Deliveries;

public sealed class DestinationGuardTests(StrictDestinationFixture platform) : IClassFixture<StrictDestinationFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Theory]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://0x7f.1/hook")]
    [InlineData("http://017700000001/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[fd00::1]/hook")]
    public async Task EndpointWithABlockedLiteralAddressIsRejected(string url)
    {
        var type = await platform.NewEventTypeAsync();
        var response = await platform.Http.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { type } });

        var error = await PlatformFixture.ReadJsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("VALIDATION_ERROR", error["code"]!.GetValue<string>());
        Assert.Contains("may not reach", error["details"]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostnameResolvingToLoopbackIsNeverDialledAndNotRetried()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url().Replace("127.0.0.1", "localhost", StringComparison.Ordinal), type);

        await platform.PublishAsync(new { id = "evt-ssrf", type, data = new { } });

        var delivery = await platform.WaitForDeliveryAsync($"evt-ssrf:{endpointId}", d => d.Status == DeliveryStatus.DeadLettered);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Equal("FORBIDDEN_DESTINATION", attempt.ErrorCode);
        Assert.Empty(_receiver.Received);
    }
}
