using System.Net;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// A publish that repeats an event id: the same type and the same bytes of data answer the original
/// result; anything else answers 409 <c>CONFLICT</c> naming the original event.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class EventIdConflictTests(PlatformFixture platform)
{
    [Fact]
    public async Task RepeatedIdWithTheSameTypeAndDataAnswersTheOriginalResult()
    {
        var type = await platform.NewEventTypeAsync();
        var id = NewId();
        var body = $"{{\"id\": \"{id}\", \"type\": \"{type}\", \"data\": {{\"score\": 97}}}}";

        var first = await ApiAssert.SuccessAsync(await PostAsync(body), HttpStatusCode.Accepted);
        var repeat = await ApiAssert.SuccessAsync(await PostAsync(body), HttpStatusCode.Accepted);

        Assert.Equal(id, first["eventId"]!.GetValue<string>());
        Assert.Equal(0, first["deliveries"]!.GetValue<int>());
        Assert.Equal(first.ToJsonString(), repeat.ToJsonString());
    }

    [Fact]
    public async Task RepeatedIdWithAnotherTypeAnswersConflictNamingTheOriginalEvent()
    {
        var type = await platform.NewEventTypeAsync();
        var other = await platform.NewEventTypeAsync("other");
        var id = NewId();
        await platform.PublishAsync(new { id, type, data = new { score = 97 } });

        var response = await PostAsync($"{{\"id\": \"{id}\", \"type\": \"{other}\", \"data\": {{\"score\": 97}}}}");

        await AssertConflictAsync(response, id);
    }

    [Fact]
    public async Task RepeatedIdWithOtherDataAnswersConflictNamingTheOriginalEvent()
    {
        var type = await platform.NewEventTypeAsync();
        var id = NewId();
        await platform.PublishAsync(new { id, type, data = new { score = 97 } });

        var response = await PostAsync($"{{\"id\": \"{id}\", \"type\": \"{type}\", \"data\": {{\"score\": 98}}}}");

        await AssertConflictAsync(response, id);
    }

    [Fact]
    public async Task RepeatedIdWithTheSameValuesInOtherBytesIsAConflict()
    {
        // "Different" is the data as received: whitespace and escapes count, as they reach the receiver.
        var type = await platform.NewEventTypeAsync();
        var id = NewId();
        await ApiAssert.SuccessAsync(await PostAsync($"{{\"id\": \"{id}\", \"type\": \"{type}\", \"data\": {{\"name\":\"a\"}}}}"), HttpStatusCode.Accepted);

        var spaced = await PostAsync($"{{\"id\": \"{id}\", \"type\": \"{type}\", \"data\": {{\"name\": \"a\"}}}}");
        var escaped = await PostAsync($"{{\"id\": \"{id}\", \"type\": \"{type}\", \"data\": {{\"name\":\"\\u0061\"}}}}");
        var same = await PostAsync($"{{\"type\": \"{type}\",  \"id\": \"{id}\", \"data\": {{\"name\":\"a\"}}}}");

        await AssertConflictAsync(spaced, id);
        await AssertConflictAsync(escaped, id);
        Assert.Equal(id, (await ApiAssert.SuccessAsync(same, HttpStatusCode.Accepted))["eventId"]!.GetValue<string>());
    }

    [Fact]
    public async Task RepeatedIdWithOtherDataThroughTheGrainClientThrowsConflictNamingTheEvent()
    {
        var type = await platform.NewEventTypeAsync();
        var id = NewId();
        var publisher = platform.Grains.GetGrain<IEventPublisherGrain>(0);
        await publisher.PublishAsync(new PublishRequest { Id = id, Type = type, Data = "{\"score\":97}" });

        var ex = await Assert.ThrowsAsync<WebhookPlatformException>(() =>
            publisher.PublishAsync(new PublishRequest { Id = id, Type = type, Data = "{\"score\":98}" }));

        Assert.Equal(ErrorCodes.Conflict, ex.Code);
        Assert.Equal(new Dictionary<string, string> { ["eventId"] = id }, ex.Details);
    }

    private static string NewId() => "evt-conflict-" + Guid.NewGuid().ToString("N");

    private Task<HttpResponseMessage> PostAsync(string body) => platform.Http.PostAsync("/api/events", ApiAssert.Json(body));

    private static async Task AssertConflictAsync(HttpResponseMessage response, string eventId)
    {
        var error = await ApiAssert.ErrorAsync(response, HttpStatusCode.Conflict, ErrorCodes.Conflict);
        Assert.Equal("{\"eventId\":\"" + eventId + "\"}", error["details"]!.ToJsonString());
    }
}
