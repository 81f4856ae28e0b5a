using System.Net;
using System.Net.Http.Json;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// Receivers of each signature scheme through a secret rotation. Each receiver verifies with the
/// secret it holds and answers 401 when the signature does not match, so a delivery is
/// <c>delivered</c> only if the receiver accepted it.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class RotationReceiverTests(PlatformFixture platform) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task ASpecSchemeReceiverHoldingTheOldSecretKeepsVerifyingWhenPreviousIsChosenThenSwitches()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, oldSecret) = await platform.CreateEndpointAsync(_receiver.Url(), type);
        var held = oldSecret;
        _receiver.Behaviour = (request, _) => Task.FromResult(TestSignatures.SpecSignatureIsValid(request, held) ? (200, "ok") : (401, "bad signature"));

        var rotated = await ReadDataAsync(await platform.Http.PostAsJsonAsync($"/api/webhooks/{endpointId}/rotate-secret", new { signWith = "previous" }));
        var newSecret = rotated["secret"]!.GetValue<string>();
        Assert.Equal("previous", rotated["signWith"]!.GetValue<string>());
        Assert.Equal("previous", (await platform.GetDataAsync($"/api/webhooks/{endpointId}"))["signWith"]!.GetValue<string>());

        // During the window the receiver still holds the old secret, and accepts.
        var eventId = $"evt-prev-{Guid.NewGuid():N}";
        await platform.PublishAsync(new { id = eventId, type, data = new { } });
        var first = await platform.WaitForDeliveryAsync($"{eventId}:{endpointId}", d => d.Attempts.Length > 0);
        Assert.Equal(DeliveryStatus.Delivered, first.Status);
        var request = _receiver.Received.Single();
        Assert.Matches("^sha256=[0-9a-f]{64}$", request.Header("X-Webhook-Signature"));
        Assert.False(TestSignatures.SpecSignatureIsValid(request, newSecret));
        Assert.True(TestSignatures.StandardSignatureIsValid(request, oldSecret));
        Assert.True(TestSignatures.StandardSignatureIsValid(request, newSecret));

        // The receiver takes the new secret, then the endpoint switches.
        held = newSecret;
        var updated = await ReadDataAsync(await platform.Http.PutAsJsonAsync($"/api/webhooks/{endpointId}", new { signWith = "new" }));
        Assert.Equal("new", updated["signWith"]!.GetValue<string>());

        var secondId = $"evt-new-{Guid.NewGuid():N}";
        await platform.PublishAsync(new { id = secondId, type, data = new { } });
        var second = await platform.WaitForDeliveryAsync($"{secondId}:{endpointId}", d => d.Attempts.Length > 0);
        Assert.Equal(DeliveryStatus.Delivered, second.Status);
        var after = _receiver.Received[^1];
        Assert.True(TestSignatures.SpecSignatureIsValid(after, newSecret));
        Assert.False(TestSignatures.SpecSignatureIsValid(after, oldSecret));
    }

    [Fact]
    public async Task ByDefaultTheSpecSchemeSwitchesToTheNewSecretAtTheRotation()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url(), type);

        var rotated = await platform.PostDataAsync($"/api/webhooks/{endpointId}/rotate-secret");
        var newSecret = rotated["secret"]!.GetValue<string>();
        _receiver.Behaviour = (request, _) => Task.FromResult(TestSignatures.SpecSignatureIsValid(request, newSecret) ? (200, "ok") : (401, "bad signature"));

        Assert.Equal("new", rotated["signWith"]!.GetValue<string>());
        var eventId = $"evt-default-{Guid.NewGuid():N}";
        await platform.PublishAsync(new { id = eventId, type, data = new { } });
        Assert.Equal(DeliveryStatus.Delivered, (await platform.WaitForDeliveryAsync($"{eventId}:{endpointId}", d => d.Attempts.Length > 0)).Status);
    }

    [Fact]
    public async Task StandardWebhooksReceiversVerifyWithEitherSecretThroughARotation()
    {
        await using var second = await WebhookReceiver.StartAsync();
        var type = await platform.NewEventTypeAsync();
        var (endpointId, oldSecret) = await platform.CreateEndpointAsync(_receiver.Url(), type);

        var newSecret = (await platform.PostDataAsync($"/api/webhooks/{endpointId}/rotate-secret"))["secret"]!.GetValue<string>();

        // Two receivers behind the URL, as during a receiver's own rolling update: one still holds
        // the old secret, one already the new. No coordination: both accept.
        foreach (var (receiver, held) in new[] { (_receiver, oldSecret), (second, newSecret) })
        {
            await ReadDataAsync(await platform.Http.PutAsJsonAsync($"/api/webhooks/{endpointId}", new { url = receiver.Url() }));
            receiver.Behaviour = (request, _) => Task.FromResult(TestSignatures.StandardSignatureIsValid(request, held) ? (200, "ok") : (401, "bad signature"));
            var eventId = $"evt-std-{Guid.NewGuid():N}";
            await platform.PublishAsync(new { id = eventId, type, data = new { } });
            var delivery = await platform.WaitForDeliveryAsync($"{eventId}:{endpointId}", d => d.Attempts.Length > 0);
            Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
            Assert.Equal(2, receiver.Received.Single().Header("webhook-signature").Split(' ').Length);
        }
    }

    [Fact]
    public async Task AnUnknownSigningChoiceIsRefusedOnRotateAndOnUpdate()
    {
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url(), "grade.created");

        await ApiAssert.ValidationErrorAsync(await platform.Http.PostAsJsonAsync($"/api/webhooks/{endpointId}/rotate-secret", new { signWith = "both" }), "signWith");
        await ApiAssert.ValidationErrorAsync(await platform.Http.PutAsJsonAsync($"/api/webhooks/{endpointId}", new { signWith = "old" }), "signWith");
        Assert.Equal("new", (await platform.GetDataAsync($"/api/webhooks/{endpointId}"))["signWith"]!.GetValue<string>());
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> ReadDataAsync(HttpResponseMessage response) =>
        (await PlatformFixture.ReadJsonAsync(response, HttpStatusCode.OK))["data"]!;
}
