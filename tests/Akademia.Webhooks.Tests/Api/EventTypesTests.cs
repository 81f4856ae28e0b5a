using System.Net;
using System.Net.Http.Json;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>The event type registry over HTTP: the specification's built-in types plus registered ones.</summary>
[Collection(nameof(PlatformCollection))]
public sealed class EventTypesTests(PlatformFixture platform)
{
    private static readonly string[] BuiltInTypes =
    [
        "grade.created", "grade.updated", "grade.deleted",
        "user.created", "user.updated", "user.deleted", "user.login",
        "announcement.created", "announcement.updated", "announcement.deleted",
        "message.created", "message.read",
        // The platform's operational events, which operators subscribe to.
        "webhook.endpoint.failing", "webhook.delivery.exhausted", "webhook.endpoint.recovered", "webhook.endpoint.disabled",
        "api_key.created", "api_key.revoked",
    ];

    [Fact]
    public async Task ListingHasTheSpecificationsTwelveAndTheSixOperationalTypesSortedByName()
    {
        var types = (await ApiAssert.SuccessAsync(await platform.Http.GetAsync("/api/event-types"), HttpStatusCode.OK)).AsArray();

        var builtIn = types.Where(t => t!["builtIn"]!.GetValue<bool>()).ToList();
        Assert.Equal(BuiltInTypes.Order(StringComparer.Ordinal), builtIn.Select(t => t!["name"]!.GetValue<string>()));
        Assert.All(builtIn, t =>
        {
            Assert.Equal(["builtIn", "description", "name"], t!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.False(string.IsNullOrWhiteSpace(t["description"]!.GetValue<string>()));
        });
        var names = types.Select(t => t!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task RegisteredTypeIsListedAndCanBeSubscribedAndPublished()
    {
        var name = $"t{Guid.NewGuid():N}.registered";

        var response = await platform.Http.PostAsJsonAsync("/api/event-types", new { name, description = "a custom type" });

        var registered = await ApiAssert.SuccessAsync(response, HttpStatusCode.Created);
        Assert.Equal("/api/event-types", response.Headers.Location!.OriginalString);
        Assert.Equal(name, registered["name"]!.GetValue<string>());
        Assert.Equal("a custom type", registered["description"]!.GetValue<string>());
        Assert.False(registered["builtIn"]!.GetValue<bool>());
        var listed = (await ApiAssert.SuccessAsync(await platform.Http.GetAsync("/api/event-types"), HttpStatusCode.OK)).AsArray()
            .Single(t => t!["name"]!.GetValue<string>() == name);
        Assert.Equal(registered.ToJsonString(), listed!.ToJsonString());

        await using var receiver = await WebhookReceiver.StartAsync();
        await platform.CreateEndpointAsync(receiver.Url(), name);
        var published = await platform.PublishAsync(new { type = name, data = new { } });
        Assert.Matches("^evt_[0-9a-f]{32}$", published["eventId"]!.GetValue<string>());
        Assert.Equal(1, published["deliveries"]!.GetValue<int>());
        await receiver.WaitForRequestsAsync(1);
        Assert.Equal(name, System.Text.Json.Nodes.JsonNode.Parse(receiver.Received.Single().Body)!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task RegisteringAKnownNameAgainReturnsItUnchanged()
    {
        var name = $"t{Guid.NewGuid():N}.again";
        await platform.Http.PostAsJsonAsync("/api/event-types", new { name, description = "original" });

        var again = await ApiAssert.SuccessAsync(
            await platform.Http.PostAsJsonAsync("/api/event-types", new { name, description = "replacement" }), HttpStatusCode.Created);
        var builtIn = await ApiAssert.SuccessAsync(
            await platform.Http.PostAsJsonAsync("/api/event-types", new { name = "grade.created", description = "replacement" }), HttpStatusCode.Created);

        Assert.Equal("original", again["description"]!.GetValue<string>());
        Assert.False(again["builtIn"]!.GetValue<bool>());
        Assert.True(builtIn["builtIn"]!.GetValue<bool>());
        Assert.Equal("A new grade has been created", builtIn["description"]!.GetValue<string>());
        var types = (await ApiAssert.SuccessAsync(await platform.Http.GetAsync("/api/event-types"), HttpStatusCode.OK)).AsArray();
        Assert.Single(types, t => t!["name"]!.GetValue<string>() == name);
        Assert.Single(types, t => t!["name"]!.GetValue<string>() == "grade.created");
    }

    [Theory]
    [InlineData("nodots")]
    [InlineData("Upper.Case")]
    [InlineData("grade.Created")]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("a.b c")]
    [InlineData("a.b-c")]
    [InlineData("*")]
    [InlineData("grade.créé")]
    [InlineData("")]
    [InlineData("grade.newline\n")]
    public async Task MalformedNameIsRejected(string name)
    {
        var response = await platform.Http.PostAsJsonAsync("/api/event-types", new { name, description = "bad" });

        await ApiAssert.ValidationErrorAsync(response, "name");
        var names = (await ApiAssert.SuccessAsync(await platform.Http.GetAsync("/api/event-types"), HttpStatusCode.OK)).AsArray()
            .Select(t => t!["name"]!.GetValue<string>());
        Assert.DoesNotContain(name, names);
    }

    [Fact]
    public async Task MissingNameIsRejected()
    {
        var response = await platform.Http.PostAsync("/api/event-types", ApiAssert.Json("{\"description\": \"no name\"}"));

        await ApiAssert.ValidationErrorAsync(response, "name");
    }

    [Fact]
    public async Task NameOf256CharactersIsAccepted()
    {
        var name = $"t{Guid.NewGuid():N}." + new string('x', 256 - 34);

        var registered = await ApiAssert.SuccessAsync(await platform.Http.PostAsJsonAsync("/api/event-types", new { name }), HttpStatusCode.Created);

        Assert.Equal(256, registered["name"]!.GetValue<string>().Length);
        Assert.Null(registered["description"]);
    }
}
