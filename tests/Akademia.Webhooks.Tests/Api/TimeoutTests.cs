using System.Net;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>A route that runs over its time budget answers 504 in the envelope.</summary>
public sealed class TimeoutTests(ShortTimeoutFixture platform) : IClassFixture<ShortTimeoutFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task TheTestRouteAnswers504TimeoutWhenTheReceiverHangsPastTheBudget()
    {
        _receiver.Hang();
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/hangs"), type);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{endpointId}/test");
        request.Headers.Add("X-Request-ID", "timeout-test-1");

        var response = await platform.Http.SendAsync(request);

        var error = await ApiAssert.ErrorAsync(response, HttpStatusCode.GatewayTimeout, ErrorCodes.Timeout);
        Assert.Equal("timeout-test-1", error["requestId"]!.GetValue<string>());
        Assert.Equal("The request did not complete within 1 s.", error["error"]!.GetValue<string>());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        await _receiver.WaitForRequestsAsync(1);
    }

    [Fact]
    public async Task TheTestRouteAnswersNormallyWhenTheReceiverIsWithinTheBudget()
    {
        _receiver.RespondWith(200, "pong");
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/fast"), type);

        var result = await platform.PostDataAsync($"/api/webhooks/{endpointId}/test");

        Assert.True(result["success"]!.GetValue<bool>());
        Assert.Equal("pong", result["response"]!.GetValue<string>());
    }
}
