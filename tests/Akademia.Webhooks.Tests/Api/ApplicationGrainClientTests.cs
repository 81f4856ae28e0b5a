using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>Applications through the public grain contract, as an in-cluster service would use them.</summary>
[Collection(nameof(PlatformCollection))]
public sealed class ApplicationGrainClientTests(PlatformFixture platform) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private IEventPublisherGrain Publisher => platform.Grains.GetGrain<IEventPublisherGrain>(0);

    [Fact]
    public async Task AnApplicationIsCreatedUpdatedAndDeletedThroughTheContract()
    {
        var id = ApplicationIds.New();
        var grain = platform.Grains.GetGrain<IApplicationGrain>(id);

        var created = await grain.CreateAsync(new ApplicationDefinition { Name = "Grain school", Metadata = new() { ["k"] = "v" } });
        Assert.Equal((id, "Grain school", "v"), (created.Id, created.Name, created.Metadata["k"]));
        var read = await grain.GetAsync();
        Assert.Equal((created.Name, created.CreatedAt, "v"), (read!.Name, read.CreatedAt, read.Metadata["k"]));

        var limit = new ApplicationRateLimit { Limit = 10, Window = TimeSpan.FromMinutes(1) };
        var updated = await grain.UpdateAsync(new ApplicationPatch { RateLimit = limit });
        Assert.Equal(("Grain school", limit), (updated.Name, updated.RateLimit));

        await grain.DeleteAsync();
        Assert.Null(await grain.GetAsync());
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<WebhookPlatformException>(() => grain.DeleteAsync())).Code);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<WebhookPlatformException>(() => grain.UpdateAsync(new ApplicationPatch { Name = "x" }))).Code);
        Assert.Equal(ErrorCodes.Conflict, (await Assert.ThrowsAsync<WebhookPlatformException>(() => grain.CreateAsync(new ApplicationDefinition { Name = "again" }))).Code);
    }

    [Fact]
    public async Task TheDefaultApplicationAnswersWithoutBeingCreatedAndRefusesDeletion()
    {
        var grain = platform.Grains.GetGrain<IApplicationGrain>(ApplicationIds.Default);

        Assert.Equal(ApplicationIds.Default, (await grain.GetAsync())!.Id);
        Assert.Equal(ErrorCodes.Conflict, (await Assert.ThrowsAsync<WebhookPlatformException>(() => grain.DeleteAsync())).Code);
    }

    [Fact]
    public async Task AMalformedIdIsRefusedByTheGrain()
    {
        var failure = await Assert.ThrowsAsync<ValidationFailedException>(
            () => platform.Grains.GetGrain<IApplicationGrain>("not valid").CreateAsync(new ApplicationDefinition { Name = "x" }));

        Assert.Equal(["id"], failure.Errors.Keys);
    }

    [Fact]
    public async Task APublishToAnUnknownApplicationIsNotFoundAndStoresNothing()
    {
        var type = await platform.NewEventTypeAsync();
        var eventId = "evt-nowhere-" + Guid.NewGuid().ToString("N");

        var failure = await Assert.ThrowsAsync<WebhookPlatformException>(
            () => Publisher.PublishAsync(new PublishRequest { Id = eventId, Type = type, Data = "{}", ApplicationId = "no-such-app-" + Guid.NewGuid().ToString("N")[..8] }));

        Assert.Equal(ErrorCodes.NotFound, failure.Code);
    }

    [Fact]
    public async Task AnEndpointAndAPublishNameTheirApplicationThroughTheContract()
    {
        var type = await platform.NewEventTypeAsync();
        var app = ApplicationIds.New();
        await platform.Grains.GetGrain<IApplicationGrain>(app).CreateAsync(new ApplicationDefinition { Name = "contract" });
        var endpointId = PlatformIds.NewEndpointId();
        var created = await platform.Grains.GetGrain<IEndpointGrain>(endpointId)
            .CreateAsync(new EndpointDefinition { Url = _receiver.Url(), Events = [type], ApplicationId = app });
        var eventId = "evt-contract-" + Guid.NewGuid().ToString("N");

        var result = await Publisher.PublishAsync(new PublishRequest { Id = eventId, Type = type, Data = "{}", ApplicationId = app });

        Assert.Equal(app, created.Endpoint.ApplicationId);
        Assert.Equal(app, await platform.Grains.GetGrain<IEndpointGrain>(endpointId).GetApplicationIdAsync());
        Assert.Equal(new PublishResult(eventId, 1), result);
        Assert.Equal([endpointId], (await platform.Grains.GetGrain<IEndpointDirectoryGrain>(app).ListAsync(100, null)).Items.Select(e => e.Id));
        await _receiver.WaitForRequestsAsync(1);
        Assert.Equal(0, (await Publisher.PublishAsync(new PublishRequest { Id = eventId, Type = type, Data = "{}" })).Deliveries);
    }

    [Fact]
    public async Task AnEndpointOfAnUnknownApplicationIsRefused()
    {
        var type = await platform.NewEventTypeAsync();

        var failure = await Assert.ThrowsAsync<WebhookPlatformException>(() => platform.Grains.GetGrain<IEndpointGrain>(PlatformIds.NewEndpointId())
            .CreateAsync(new EndpointDefinition { Url = _receiver.Url(), Events = [type], ApplicationId = "no-such-app-" + Guid.NewGuid().ToString("N")[..8] }));

        Assert.Equal(ErrorCodes.NotFound, failure.Code);
    }

    [Fact]
    public async Task TheDirectoryListsApplicationsInPagesOfAtMostTheLimit()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = ApplicationIds.New();
            await platform.Grains.GetGrain<IApplicationGrain>(id).CreateAsync(new ApplicationDefinition { Name = id });
            ids.Add(id);
        }

        var directory = platform.Grains.GetGrain<IApplicationDirectoryGrain>(IApplicationDirectoryGrain.Key);
        var listed = new List<string>();
        string? cursor = null;
        do
        {
            var page = await directory.ListAsync(1, cursor);
            Assert.InRange(page.Items.Length, 0, 1);
            listed.AddRange(page.Items.Select(a => a.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(ApplicationIds.Default, listed[0]);
        Assert.Equal(ids, listed.Where(ids.Contains));
        Assert.Equal(["limit"], (await Assert.ThrowsAsync<ValidationFailedException>(() => directory.ListAsync(101, null))).Errors.Keys);
    }
}
