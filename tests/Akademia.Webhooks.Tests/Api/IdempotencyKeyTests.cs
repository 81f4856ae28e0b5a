using System.Net;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// <c>Idempotency-Key</c> on <c>POST /api/events</c>: a retry of a publish without an id answers the
/// first result, a different request with the same key 409, and a key belongs to the calling API key.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class IdempotencyKeyTests(PlatformFixture platform)
{
    [Fact]
    public async Task RepeatWithTheSameKeyAndBodyAnswersTheFirstResult()
    {
        var type = await platform.NewEventTypeAsync();
        var key = NewKey();
        var body = $"{{\"type\": \"{type}\", \"data\": {{\"score\": 97}}}}";

        var first = await ApiAssert.SuccessAsync(await PublishAsync(body, key), HttpStatusCode.Accepted);
        var retry = await ApiAssert.SuccessAsync(await PublishAsync(body, key), HttpStatusCode.Accepted);
        var withoutKey = await ApiAssert.SuccessAsync(await PublishAsync(body, key: null), HttpStatusCode.Accepted);

        Assert.Matches("^evt_[0-9a-f]{32}$", first["eventId"]!.GetValue<string>());
        Assert.Equal(first.ToJsonString(), retry.ToJsonString());
        Assert.NotEqual(first["eventId"]!.GetValue<string>(), withoutKey["eventId"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConcurrentRepeatsWithOneKeyPublishOneEvent()
    {
        var type = await platform.NewEventTypeAsync();
        var key = NewKey();
        var body = $"{{\"type\": \"{type}\", \"data\": {{}}}}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PublishAsync(body, key)));

        var ids = await Task.WhenAll(responses.Select(async r => (await ApiAssert.SuccessAsync(r, HttpStatusCode.Accepted))["eventId"]!.GetValue<string>()));
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task SameKeyWithOtherDataAnswersConflictNamingTheFirstEvent()
    {
        var type = await platform.NewEventTypeAsync();
        var key = NewKey();
        var first = await ApiAssert.SuccessAsync(await PublishAsync($"{{\"type\": \"{type}\", \"data\": {{\"score\": 97}}}}", key), HttpStatusCode.Accepted);

        var response = await PublishAsync($"{{\"type\": \"{type}\", \"data\": {{\"score\": 98}}}}", key);

        await AssertConflictAsync(response, first["eventId"]!.GetValue<string>());
    }

    [Fact]
    public async Task SameKeyWithAnotherTypeAnswersConflict()
    {
        var type = await platform.NewEventTypeAsync();
        var other = await platform.NewEventTypeAsync("other");
        var key = NewKey();
        var first = await ApiAssert.SuccessAsync(await PublishAsync($"{{\"type\": \"{type}\", \"data\": {{}}}}", key), HttpStatusCode.Accepted);

        var response = await PublishAsync($"{{\"type\": \"{other}\", \"data\": {{}}}}", key);

        await AssertConflictAsync(response, first["eventId"]!.GetValue<string>());
    }

    [Fact]
    public async Task SameKeyWithADifferentExplicitIdAnswersConflict()
    {
        var type = await platform.NewEventTypeAsync();
        var key = NewKey();
        var id = "evt-key-" + Guid.NewGuid().ToString("N");
        var first = await ApiAssert.SuccessAsync(await PublishAsync($"{{\"id\": \"{id}\", \"type\": \"{type}\", \"data\": {{}}}}", key), HttpStatusCode.Accepted);

        var otherId = await PublishAsync($"{{\"id\": \"{id}-2\", \"type\": \"{type}\", \"data\": {{}}}}", key);
        var noId = await PublishAsync($"{{\"type\": \"{type}\", \"data\": {{}}}}", key);
        var sameId = await PublishAsync($"{{\"id\": \"{id}\", \"type\": \"{type}\", \"data\": {{}}}}", key);

        Assert.Equal(id, first["eventId"]!.GetValue<string>());
        await AssertConflictAsync(otherId, id);
        await AssertConflictAsync(noId, id);
        Assert.Equal(id, (await ApiAssert.SuccessAsync(sameId, HttpStatusCode.Accepted))["eventId"]!.GetValue<string>());
    }

    [Fact]
    public async Task AKeyOfOneApiKeyNeverFindsAnotherApiKeysResult()
    {
        var type = await platform.NewEventTypeAsync();
        var key = NewKey();
        var body = $"{{\"type\": \"{type}\", \"data\": {{}}}}";
        var byAdmin = await ApiAssert.SuccessAsync(await PublishAsync(body, key), HttpStatusCode.Accepted);

        var byPublisher = await ApiAssert.SuccessAsync(await PublishAsync(body, key, PlatformFixture.PublisherKey), HttpStatusCode.Accepted);
        var byPublisherOtherData = await PublishAsync($"{{\"type\": \"{type}\", \"data\": {{\"other\": true}}}}", key, PlatformFixture.PublisherKey);
        var byAdminAgain = await ApiAssert.SuccessAsync(await PublishAsync(body, key), HttpStatusCode.Accepted);

        Assert.NotEqual(byAdmin["eventId"]!.GetValue<string>(), byPublisher["eventId"]!.GetValue<string>());
        await AssertConflictAsync(byPublisherOtherData, byPublisher["eventId"]!.GetValue<string>());
        Assert.Equal(byAdmin["eventId"]!.GetValue<string>(), byAdminAgain["eventId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\tb")]
    [InlineData(null)] // 256 characters
    public async Task KeyThatIsNotOneTo255PrintableCharactersIsRejected(string? key)
    {
        var type = await platform.NewEventTypeAsync();

        var response = await PublishAsync($"{{\"type\": \"{type}\", \"data\": {{}}}}", key ?? new string('k', 256));

        var error = await ApiAssert.ValidationErrorAsync(response, "Idempotency-Key");
        Assert.Equal("must be 1-255 printable ASCII characters", error["details"]!["Idempotency-Key"]!.GetValue<string>());
    }

    [Fact]
    public async Task KeyOf255PrintableCharactersIsAccepted()
    {
        var type = await platform.NewEventTypeAsync();
        var key = " !~" + Guid.NewGuid().ToString("N") + new string('x', 255 - 35);

        var response = await PublishAsync($"{{\"type\": \"{type}\", \"data\": {{}}}}", key.Trim());

        await ApiAssert.SuccessAsync(response, HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task KeySentInTwoHeaderLinesIsRejected()
    {
        // HttpClient joins repeated values into one line; two lines need the raw request.
        var type = await platform.NewEventTypeAsync();
        var body = $"{{\"type\": \"{type}\", \"data\": {{}}}}";
        var address = platform.Http.BaseAddress!;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            $"POST /api/events HTTP/1.1\r\nHost: {address.Authority}\r\nX-API-Key: {PlatformFixture.AdminKey}\r\nConnection: close\r\n"
            + $"Idempotency-Key: k1\r\nIdempotency-Key: k2\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}"));

        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("HTTP/1.1 400 ", response, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"VALIDATION_ERROR\"", response, StringComparison.Ordinal);
        Assert.Contains("\"details\":{\"Idempotency-Key\":\"must be sent once\"}", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrainClientKeysNeedAScopeAndAreKeptPerScope()
    {
        var type = await platform.NewEventTypeAsync();
        var publisher = platform.Grains.GetGrain<IEventPublisherGrain>(0);
        var key = NewKey();

        var noScope = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            publisher.PublishAsync(new PublishRequest { Type = type, Data = "{}", IdempotencyKey = key }));
        var first = await publisher.PublishAsync(new PublishRequest { Type = type, Data = "{}", IdempotencyKey = key, IdempotencyScope = "billing" });
        var retry = await publisher.PublishAsync(new PublishRequest { Type = type, Data = "{}", IdempotencyKey = key, IdempotencyScope = "billing" });
        var otherScope = await publisher.PublishAsync(new PublishRequest { Type = type, Data = "{}", IdempotencyKey = key, IdempotencyScope = "grading" });

        Assert.Equal(["idempotencyScope"], noScope.Errors.Keys);
        Assert.Equal(first, retry);
        Assert.NotEqual(first.EventId, otherScope.EventId);
    }

    private static string NewKey() => "order-" + Guid.NewGuid().ToString("N");

    private async Task<HttpResponseMessage> PublishAsync(string body, string? key, string apiKey = PlatformFixture.AdminKey)
    {
        using var client = platform.ClientWithKey(apiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = ApiAssert.Json(body) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    internal static async Task AssertConflictAsync(HttpResponseMessage response, string eventId)
    {
        var error = await ApiAssert.ErrorAsync(response, HttpStatusCode.Conflict, ErrorCodes.Conflict);
        Assert.Equal("{\"eventId\":\"" + eventId + "\"}", error["details"]!.ToJsonString());
    }
}
