using System.Text.Json.Nodes;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// The public grain contract used directly, as an in-cluster publisher would: the same rules as over
/// HTTP, the same deliveries.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class GrainClientTests(PlatformFixture platform) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private IEventPublisherGrain Publisher => platform.Grains.GetGrain<IEventPublisherGrain>(0);

    [Fact]
    public async Task PublishThroughTheGrainClientIsDeliveredSigned()
    {
        var type = await platform.NewEventTypeAsync();
        var endpointId = PlatformIds.NewEndpointId();
        var created = await platform.Grains.GetGrain<IEndpointGrain>(endpointId)
            .CreateAsync(new EndpointDefinition { Url = _receiver.Url(), Events = [type] });
        var eventId = "evt-grain-" + Guid.NewGuid().ToString("N");

        var result = await Publisher.PublishAsync(new PublishRequest { Id = eventId, Type = type, Data = "{\"grade\": \"A\"}" });

        Assert.Equal(new PublishResult(eventId, 1), result);
        await _receiver.WaitForRequestsAsync(1);
        var request = Assert.Single(_receiver.Received);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal(eventId, body["id"]!.GetValue<string>());
        Assert.Equal(type, body["type"]!.GetValue<string>());
        Assert.Equal("A", body["data"]!["grade"]!.GetValue<string>());
        Assert.Equal($"{eventId}:{endpointId}", request.Header("webhook-id"));
        Assert.True(TestSignatures.SpecSignatureIsValid(request, created.Secret));
        Assert.True(TestSignatures.StandardSignatureIsValid(request, created.Secret));
    }

    [Fact]
    public async Task PublishWithoutIdGetsAGeneratedOne()
    {
        var type = await platform.NewEventTypeAsync();

        var result = await Publisher.PublishAsync(new PublishRequest { Type = type, Data = "{}" });

        Assert.Matches("^evt_[0-9a-f]{32}$", result.EventId);
        Assert.Equal(0, result.Deliveries);
    }

    [Fact]
    public async Task InvalidPublishThroughTheGrainClientThrowsValidationFailed()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Publisher.PublishAsync(new PublishRequest { Id = "has.dots", Type = "never.registered_type", Data = "[1, 2]" }));

        Assert.Equal(ErrorCodes.ValidationError, ex.Code);
        Assert.Equal(["data", "id", "type"], ex.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("must be a JSON object", ex.Errors["data"]);
        Assert.Equal("unknown event type 'never.registered_type'", ex.Errors["type"]);
    }

    [Theory]
    [InlineData("not json", "must be valid JSON")]
    [InlineData("{\"a\": 1", "must be valid JSON")]
    [InlineData("\"text\"", "must be a JSON object")]
    [InlineData("null", "must be a JSON object")]
    [InlineData(null, "is required")]
    public async Task PublishWhoseDataIsNotAJsonObjectThrowsValidationFailed(string? data, string problem)
    {
        var type = await platform.NewEventTypeAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Publisher.PublishAsync(new PublishRequest { Type = type, Data = data! }));

        Assert.Equal(new Dictionary<string, string> { ["data"] = problem }, ex.Errors);
    }

    [Fact]
    public async Task PublishOfMoreThanTheEventLimitThrowsValidationFailed()
    {
        var type = await platform.NewEventTypeAsync();
        var data = $"{{\"blob\": \"{new string('x', 256 * 1024)}\"}}";

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Publisher.PublishAsync(new PublishRequest { Type = type, Data = data }));

        Assert.Equal(["data"], ex.Errors.Keys);
    }

    [Fact]
    public async Task DuplicateIdReturnsTheSamePublishResultAndOtherDataUnderItConflicts()
    {
        var type = await platform.NewEventTypeAsync();
        var endpointId = PlatformIds.NewEndpointId();
        await platform.Grains.GetGrain<IEndpointGrain>(endpointId)
            .CreateAsync(new EndpointDefinition { Url = _receiver.Url(), Events = [type] });
        var eventId = "evt-grain-dup-" + Guid.NewGuid().ToString("N");

        var first = await Publisher.PublishAsync(new PublishRequest { Id = eventId, Type = type, Data = "{\"n\": 1}" });
        await platform.WaitForDeliveryAsync($"{eventId}:{endpointId}", d => d.Status == DeliveryStatus.Delivered);
        var second = await Publisher.PublishAsync(new PublishRequest { Id = eventId, Type = type, Data = "{\"n\": 1}" });
        var conflict = await Assert.ThrowsAsync<WebhookPlatformException>(() =>
            Publisher.PublishAsync(new PublishRequest { Id = eventId, Type = type, Data = "{\"n\": 2}" }));

        Assert.Equal(new PublishResult(eventId, 1), first);
        Assert.Equal(first, second);
        Assert.Equal(ErrorCodes.Conflict, conflict.Code);
        var page = await platform.Grains.GetGrain<IEndpointGrain>(endpointId).ListDeliveriesAsync(100, null);
        Assert.Single(page.Items);
        var request = Assert.Single(_receiver.Received);
        Assert.Equal(1, JsonNode.Parse(request.Body)!["data"]!["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task InvalidEndpointThroughTheGrainClientThrowsValidationFailed()
    {
        var type = await platform.NewEventTypeAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            platform.Grains.GetGrain<IEndpointGrain>(PlatformIds.NewEndpointId()).CreateAsync(new EndpointDefinition
            {
                Url = "ftp://example.com/hook",
                Events = [type, "no.such_type"],
                Headers = new() { ["Host"] = "evil" },
                Secret = "whsec_short",
            }));

        Assert.Equal(["events[1]", "headers.Host", "secret", "url"], ex.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("ep_trailing_newline\n")]
    [InlineData("ep with spaces")]
    public async Task EndpointIdOfOtherThanLettersDigitsUnderscoreOrDashIsRejected(string id)
    {
        var type = await platform.NewEventTypeAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            platform.Grains.GetGrain<IEndpointGrain>(id).CreateAsync(new EndpointDefinition { Url = _receiver.Url(), Events = [type] }));

        Assert.Equal(["id"], ex.Errors.Keys);
    }

    [Fact]
    public async Task CreatingAnExistingEndpointAgainIsAConflict()
    {
        var type = await platform.NewEventTypeAsync();
        var endpoint = platform.Grains.GetGrain<IEndpointGrain>(PlatformIds.NewEndpointId());
        var definition = new EndpointDefinition { Url = _receiver.Url(), Events = [type] };
        await endpoint.CreateAsync(definition);

        var ex = await Assert.ThrowsAsync<WebhookPlatformException>(() => endpoint.CreateAsync(definition));

        Assert.Equal(ErrorCodes.Conflict, ex.Code);
    }

    [Fact]
    public async Task UnknownEndpointThroughTheGrainClientIsNotFound()
    {
        var endpoint = platform.Grains.GetGrain<IEndpointGrain>(PlatformIds.NewEndpointId());

        Assert.Null(await endpoint.GetAsync());
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<WebhookPlatformException>(() => endpoint.UpdateAsync(new EndpointPatch()))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<WebhookPlatformException>(endpoint.DeleteAsync)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<WebhookPlatformException>(() => endpoint.ListDeliveriesAsync(10, null))).Code);
        Assert.Null(await platform.Grains.GetGrain<IDeliveryGrain>("evt_none:" + endpoint.GetPrimaryKeyString()).GetAsync());
    }
}
