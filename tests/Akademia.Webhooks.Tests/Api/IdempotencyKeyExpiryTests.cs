using System.Net;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>An idempotency key answers its first result for the configured retention, and not after.</summary>
public sealed class IdempotencyKeyExpiryTests(IdempotencyClockFixture platform) : IClassFixture<IdempotencyClockFixture>
{
    [Fact]
    public async Task AKeyIsKeptForTheConfiguredRetentionThenFreeForANewEvent()
    {
        var type = await platform.NewEventTypeAsync();
        var key = "order-" + Guid.NewGuid().ToString("N");
        var first = await ApiAssert.SuccessAsync(await PublishAsync(type, "{\"n\": 1}", key), HttpStatusCode.Accepted);
        var firstId = first["eventId"]!.GetValue<string>();

        IdempotencyClockFixture.GrainClock.Advance(IdempotencyClockFixture.Retention - TimeSpan.FromSeconds(1));
        var justBefore = await ApiAssert.SuccessAsync(await PublishAsync(type, "{\"n\": 1}", key), HttpStatusCode.Accepted);
        var otherJustBefore = await PublishAsync(type, "{\"n\": 2}", key);

        IdempotencyClockFixture.GrainClock.Advance(TimeSpan.FromSeconds(1));
        var afterwards = await ApiAssert.SuccessAsync(await PublishAsync(type, "{\"n\": 2}", key), HttpStatusCode.Accepted);
        var repeatOfTheNew = await ApiAssert.SuccessAsync(await PublishAsync(type, "{\"n\": 2}", key), HttpStatusCode.Accepted);

        Assert.Equal(firstId, justBefore["eventId"]!.GetValue<string>());
        await IdempotencyKeyTests.AssertConflictAsync(otherJustBefore, firstId);
        Assert.NotEqual(firstId, afterwards["eventId"]!.GetValue<string>());
        Assert.Equal(afterwards["eventId"]!.GetValue<string>(), repeatOfTheNew["eventId"]!.GetValue<string>());
    }

    private async Task<HttpResponseMessage> PublishAsync(string type, string data, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = ApiAssert.Json($"{{\"type\": \"{type}\", \"data\": {data}}}") };
        request.Headers.Add("Idempotency-Key", key);
        return await platform.Http.SendAsync(request);
    }
}
