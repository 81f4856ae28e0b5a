using System.Net;
using System.Text.Json;
using Akademia.Webhooks.Grains;
using Akademia.Webhooks.Grains.Endpoints;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Akademia.Webhooks.Tests.Api;

[Collection(nameof(PlatformCollection))]
public sealed class SecretAndTestRouteTests(PlatformFixture platform) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task AfterRotationAttemptsCarryBothSignaturesAndTheSpecSchemeUsesTheNewSecret()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, oldSecret) = await platform.CreateEndpointAsync(_receiver.Url(), type);

        var rotated = await platform.PostDataAsync($"/api/webhooks/{endpointId}/rotate-secret");
        var newSecret = rotated["secret"]!.GetValue<string>();
        Assert.NotEqual(oldSecret, newSecret);
        Assert.StartsWith("whsec_", newSecret, StringComparison.Ordinal);

        await platform.PublishAsync(new { id = "evt-rotated", type, data = new { } });
        await _receiver.WaitForRequestsAsync(1);
        var request = _receiver.Received.Single();
        Assert.Equal(2, request.Header("webhook-signature").Split(' ').Length);
        Assert.True(TestSignatures.StandardSignatureIsValid(request, newSecret));
        Assert.True(TestSignatures.StandardSignatureIsValid(request, oldSecret));
        Assert.True(TestSignatures.SpecSignatureIsValid(request, newSecret));
        Assert.False(TestSignatures.SpecSignatureIsValid(request, oldSecret));

        // Neither secret is returned by reads.
        var read = await (await platform.Http.GetAsync($"/api/webhooks/{endpointId}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(newSecret, read, StringComparison.Ordinal);
        Assert.DoesNotContain(oldSecret, read, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotationIsRefusedWhenTenPreviousSecretsAreInTheirWindow()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url(), type);
        for (var i = 0; i < 10; i++)
        {
            await platform.PostDataAsync($"/api/webhooks/{endpointId}/rotate-secret");
        }

        var refused = await PlatformFixture.ReadJsonAsync(await platform.Http.PostAsync($"/api/webhooks/{endpointId}/rotate-secret", null), HttpStatusCode.Conflict);
        Assert.Equal("CONFLICT", refused["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task StoredEndpointStateHoldsNoPlaintextSecret()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, secret) = await platform.CreateEndpointAsync(_receiver.Url(), type);
        var rotated = (await platform.PostDataAsync($"/api/webhooks/{endpointId}/rotate-secret"))["secret"]!.GetValue<string>();

        var silo = (InProcessSiloHandle)platform.Cluster.Primary!;
        var storage = silo.SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Webhooks);
        var stored = new GrainState<EndpointState>();
        await storage.ReadStateAsync("endpoint", GrainId.Create("endpoint", endpointId), stored);
        var dump = JsonSerializer.Serialize(stored.State);

        Assert.True(stored.RecordExists);
        Assert.Contains("enc1:test:", dump, StringComparison.Ordinal);
        foreach (var plaintext in new[] { secret, rotated, secret["whsec_".Length..], rotated["whsec_".Length..] })
        {
            Assert.DoesNotContain(plaintext, dump, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TestRouteRetriesUntilTheEndpointAnswers()
    {
        var calls = 0;
        _receiver.Behaviour = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) < 3 ? (502, "bad gateway") : (200, "pong"));
        var type = await platform.NewEventTypeAsync();
        var (endpointId, secret) = await platform.CreateEndpointAsync(_receiver.Url("/test-route"), type);

        var result = await platform.PostDataAsync($"/api/webhooks/{endpointId}/test");

        Assert.True(result["success"]!.GetValue<bool>());
        Assert.Equal(200, result["status"]!.GetValue<int>());
        Assert.Equal("pong", result["response"]!.GetValue<string>());
        Assert.Equal(3, result["attempts"]!.GetValue<int>());
        var received = _receiver.Received;
        Assert.Equal(3, received.Count);
        Assert.All(received, r => Assert.Equal("webhook.test", JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()));
        Assert.All(received, r => Assert.True(TestSignatures.StandardSignatureIsValid(r, secret)));
    }

    [Fact]
    public async Task TestRouteGivesUpAfterFourAttempts()
    {
        _receiver.RespondWith(500, "still down");
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/test-route-down"), type);

        var result = await platform.PostDataAsync($"/api/webhooks/{endpointId}/test");

        Assert.False(result["success"]!.GetValue<bool>());
        Assert.Equal(4, result["attempts"]!.GetValue<int>());
        Assert.Equal(500, result["status"]!.GetValue<int>());
        Assert.Equal(4, _receiver.Received.Count);
    }

    [Fact]
    public async Task TestRouteFailsAtOnceWhileTheBreakerIsOpen()
    {
        _receiver.RespondWith(500);
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/test-route-open"), type);
        await platform.PostDataAsync($"/api/webhooks/{endpointId}/test");
        await platform.PostDataAsync($"/api/webhooks/{endpointId}/test");
        Assert.Equal("open", (await platform.GetDataAsync($"/api/webhooks/{endpointId}"))["circuitBreaker"]!["state"]!.GetValue<string>());
        var before = _receiver.Received.Count;

        var result = await platform.PostDataAsync($"/api/webhooks/{endpointId}/test");

        Assert.False(result["success"]!.GetValue<bool>());
        Assert.Equal("CIRCUIT_BREAKER_OPEN", result["code"]!.GetValue<string>());
        Assert.Equal(0, result["attempts"]!.GetValue<int>());
        Assert.Equal(before, _receiver.Received.Count);
    }
}
