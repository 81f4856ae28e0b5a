using System.Net;
using System.Net.Http.Json;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// Bad input over HTTP: every refusal is the error envelope with the right status and code, names the
/// bad field, and nothing a caller sends produces a 500.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class ValidationTests(PlatformFixture platform)
{
    private const string TypePlaceholder = "%TYPE%";

    [Theory]
    [InlineData("/api/webhooks", "{\"url\": \"http://127.0.0.1/hook\", \"events\": [", "events[0]")]
    [InlineData("/api/webhooks", "{url: \"http://127.0.0.1/hook\"}", "body")]
    [InlineData("/api/webhooks", "not json at all", "body")]
    [InlineData("/api/events", "{\"type\": \"grade.created\", \"data\": {\"a\": 1}", "body")]
    [InlineData("/api/events", "{\"type\": \"grade.created\", \"data\": {'a': 1}}", "data")]
    [InlineData("/api/events", "{\"type\": \"grade.created\",, \"data\": {}}", "body")]
    public async Task MalformedJsonBodyIsRejectedWithValidationError(string path, string body, string field)
    {
        var response = await platform.Http.PostAsync(path, ApiAssert.Json(body));

        await ApiAssert.ValidationErrorAsync(response, field);
    }

    [Theory]
    [InlineData("/api/webhooks")]
    [InlineData("/api/events")]
    public async Task EmptyBodyIsRejectedWithValidationError(string path)
    {
        var response = await platform.Http.PostAsync(path, ApiAssert.Json(""));

        await ApiAssert.ValidationErrorAsync(response, "body");
    }

    [Theory]
    [InlineData("/relative/hook")]
    [InlineData("hook")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http://u:p@example.com/hook")]
    [InlineData("http://user@example.com/hook")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task WebhookUrlThatIsNotAnAbsoluteHttpUrlWithoutUserInfoIsRejected(string url)
    {
        var type = await platform.NewEventTypeAsync();

        var response = await platform.Http.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { type } });

        await ApiAssert.ValidationErrorAsync(response, "url");
    }

    [Theory]
    [InlineData("http://127.0.0.1/ho\rok")]
    [InlineData("http://127.0.0.1/ho\nok")]
    [InlineData("http://127.0.0.1/ho\tok")]
    [InlineData("http://127.0.0.1/ho\0ok")]
    [InlineData("http://127.0.0.1/hook\r\nX-Injected: 1")]
    [InlineData("http://127.0.0.1/ho\u007Fok")]
    [InlineData("http://127.0.0.1/ho\u0085ok")]
    [InlineData("http://127.0.\t0.1/hook")]
    public async Task WebhookUrlWithAControlCharacterIsRejectedOnCreateUpdateAndFailover(string url)
    {
        var type = await platform.NewEventTypeAsync();
        var (id, _) = await platform.CreateEndpointAsync("http://127.0.0.1/original", type);

        var created = await platform.Http.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { type } });
        var updated = await platform.Http.PutAsJsonAsync($"/api/webhooks/{id}", new { url });
        var failover = await platform.Http.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1/primary", failoverUrl = url, events = new[] { type } });

        var error = await ApiAssert.ValidationErrorAsync(created, "url");
        Assert.Equal("must not contain control characters (such as CR, LF, TAB or NUL)", error["details"]!["url"]!.GetValue<string>());
        await ApiAssert.ValidationErrorAsync(updated, "url");
        await ApiAssert.ValidationErrorAsync(failover, "failoverUrl");
        var endpoint = await ApiAssert.SuccessAsync(await platform.Http.GetAsync($"/api/webhooks/{id}"), HttpStatusCode.OK);
        Assert.Equal("http://127.0.0.1/original", endpoint["url"]!.GetValue<string>());
        var listed = await ApiAssert.ListAsync(await platform.Http.GetAsync("/api/webhooks"));
        Assert.DoesNotContain(listed.AsArray(), e => e!["url"]!.GetValue<string>().Any(char.IsControl));
    }

    [Fact]
    public async Task WebhookUrlLongerThan2048CharactersIsRejected()
    {
        var type = await platform.NewEventTypeAsync();
        var prefix = "http://127.0.0.1/";
        var longest = prefix + new string('a', 2048 - prefix.Length);

        var tooLong = await platform.Http.PostAsJsonAsync("/api/webhooks", new { url = longest + "a", events = new[] { type } });
        var atLimit = await platform.Http.PostAsJsonAsync("/api/webhooks", new { url = longest, events = new[] { type } });

        await ApiAssert.ValidationErrorAsync(tooLong, "url");
        Assert.Equal(longest, (await ApiAssert.SuccessAsync(atLimit, HttpStatusCode.Created))["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateWithInvalidUrlIsRejectedAndChangesNothing()
    {
        var type = await platform.NewEventTypeAsync();
        var (id, _) = await platform.CreateEndpointAsync("http://127.0.0.1/original", type);

        var response = await platform.Http.PutAsJsonAsync($"/api/webhooks/{id}", new { url = "ftp://example.com/hook" });

        await ApiAssert.ValidationErrorAsync(response, "url");
        var endpoint = await ApiAssert.SuccessAsync(await platform.Http.GetAsync($"/api/webhooks/{id}"), HttpStatusCode.OK);
        Assert.Equal("http://127.0.0.1/original", endpoint["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task EmptyEventsListIsRejected()
    {
        var response = await platform.Http.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1/hook", events = Array.Empty<string>() });

        await ApiAssert.ValidationErrorAsync(response, "events");
    }

    [Fact]
    public async Task MissingEventsListIsRejected()
    {
        var response = await platform.Http.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1/hook" });

        await ApiAssert.ValidationErrorAsync(response, "events");
    }

    [Fact]
    public async Task UnknownEventTypeIsRejectedWithValidationError()
    {
        var type = await platform.NewEventTypeAsync();

        var response = await platform.Http.PostAsJsonAsync("/api/webhooks",
            new { url = "http://127.0.0.1/hook", events = new[] { type, "never.registered_type" } });

        var error = await ApiAssert.ValidationErrorAsync(response, "events[1]");
        Assert.Contains("never.registered_type", error["details"]!["events[1]"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventTypeNameLongerThan256CharactersIsRejected()
    {
        var type = await platform.NewEventTypeAsync();
        var tooLong = "a." + new string('b', 255);

        var subscribe = await platform.Http.PostAsJsonAsync("/api/webhooks",
            new { url = "http://127.0.0.1/hook", events = new[] { type, tooLong } });
        var register = await platform.Http.PostAsJsonAsync("/api/event-types", new { name = tooLong });
        var publish = await platform.Http.PostAsJsonAsync("/api/events", new { type = tooLong, data = new { } });

        await ApiAssert.ValidationErrorAsync(subscribe, "events[1]");
        await ApiAssert.ValidationErrorAsync(register, "name");
        await ApiAssert.ValidationErrorAsync(publish, "type");
    }

    [Fact]
    public async Task PublishOfUnknownTypeIsRejected()
    {
        var response = await platform.Http.PostAsJsonAsync("/api/events", new { type = "never.registered_type", data = new { a = 1 } });

        var error = await ApiAssert.ValidationErrorAsync(response, "type");
        Assert.Contains("never.registered_type", error["details"]!["type"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\": \"%TYPE%\", \"data\": [1, 2]}")]
    [InlineData("{\"type\": \"%TYPE%\", \"data\": \"text\"}")]
    [InlineData("{\"type\": \"%TYPE%\", \"data\": 42}")]
    [InlineData("{\"type\": \"%TYPE%\", \"data\": true}")]
    [InlineData("{\"type\": \"%TYPE%\", \"data\": null}")]
    [InlineData("{\"type\": \"%TYPE%\"}")]
    public async Task PublishWhoseDataIsNotAJsonObjectIsRejected(string body)
    {
        var type = await platform.NewEventTypeAsync();

        var response = await platform.Http.PostAsync("/api/events", ApiAssert.Json(body.Replace(TypePlaceholder, type, StringComparison.Ordinal)));

        await ApiAssert.ValidationErrorAsync(response, "data");
    }

    [Theory]
    [InlineData("evt.with.dots")]
    [InlineData("evt with spaces")]
    [InlineData("evt/slash")]
    [InlineData("")]
    [InlineData("é")]
    [InlineData("evt\n")]
    public async Task PublishWithMalformedIdIsRejected(string id)
    {
        var type = await platform.NewEventTypeAsync();

        var response = await platform.Http.PostAsJsonAsync("/api/events", new { id, type, data = new { } });

        await ApiAssert.ValidationErrorAsync(response, "id");
    }

    [Fact]
    public async Task PublishWithIdLongerThan128CharactersIsRejected()
    {
        var type = await platform.NewEventTypeAsync();
        var longest = "evt_" + Guid.NewGuid().ToString("N") + new string('x', 128 - 36);

        var tooLong = await platform.Http.PostAsJsonAsync("/api/events", new { id = longest + "x", type, data = new { } });
        var atLimit = await platform.Http.PostAsJsonAsync("/api/events", new { id = longest, type, data = new { } });

        await ApiAssert.ValidationErrorAsync(tooLong, "id");
        Assert.Equal(longest, (await ApiAssert.SuccessAsync(atLimit, HttpStatusCode.Accepted))["eventId"]!.GetValue<string>());
    }

    [Fact]
    public async Task PublishReportsEveryBadFieldAtOnce()
    {
        var response = await platform.Http.PostAsJsonAsync("/api/events", new { id = "a.b", type = "Not A Type", data = new[] { 1 } });

        await ApiAssert.ValidationErrorAsync(response, "id", "type", "data");
    }

    [Theory]
    [InlineData("host")]
    [InlineData("Host")]
    [InlineData("content-length")]
    [InlineData("Transfer-Encoding")]
    [InlineData("X-Webhook-Signature")]
    [InlineData("x-webhook-signature")]
    [InlineData("webhook-signature")]
    [InlineData("Webhook-Timestamp")]
    [InlineData("Content-Type")]
    public async Task CustomHeaderWithReservedNameIsRejected(string name)
    {
        var type = await platform.NewEventTypeAsync();
        var (id, _) = await platform.CreateEndpointAsync("http://127.0.0.1/hook", type);
        var headers = new Dictionary<string, string> { [name] = "value" };

        var create = await platform.Http.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1/hook", events = new[] { type }, headers });
        var update = await platform.Http.PutAsJsonAsync($"/api/webhooks/{id}", new { headers });

        await ApiAssert.ValidationErrorAsync(create, $"headers.{name}");
        await ApiAssert.ValidationErrorAsync(update, $"headers.{name}");
    }

    [Theory]
    [InlineData("a\rb")]
    [InlineData("a\nb")]
    [InlineData("a\r\nX-Injected: 1")]
    [InlineData("trailing\n")]
    [InlineData("nul\0byte")]
    public async Task CustomHeaderValueWithLineBreakIsRejected(string value)
    {
        var type = await platform.NewEventTypeAsync();
        var (id, _) = await platform.CreateEndpointAsync("http://127.0.0.1/hook", type);
        var headers = new Dictionary<string, string> { ["X-Tenant"] = value };

        var create = await platform.Http.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1/hook", events = new[] { type }, headers });
        var update = await platform.Http.PutAsJsonAsync($"/api/webhooks/{id}", new { headers });

        await ApiAssert.ValidationErrorAsync(create, "headers.X-Tenant");
        await ApiAssert.ValidationErrorAsync(update, "headers.X-Tenant");
    }

    [Theory]
    [InlineData("X Tenant")]
    [InlineData("X-Tenant:")]
    [InlineData("")]
    [InlineData("X-Tenant\n")]
    public async Task CustomHeaderWithInvalidNameIsRejected(string name)
    {
        var type = await platform.NewEventTypeAsync();
        var headers = new Dictionary<string, string> { [name] = "value" };

        var response = await platform.Http.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1/hook", events = new[] { type }, headers });

        await ApiAssert.ValidationErrorAsync(response, $"headers.{name}");
    }

    [Theory]
    [InlineData("101")]
    [InlineData("1000")]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task DeliveriesLimitOutsideOneToHundredIsRejected(string limit)
    {
        var type = await platform.NewEventTypeAsync();
        var (id, _) = await platform.CreateEndpointAsync("http://127.0.0.1/hook", type);

        var response = await platform.Http.GetAsync($"/api/webhooks/{id}/deliveries?limit={limit}");

        await ApiAssert.ValidationErrorAsync(response, "limit");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("99999999999999999999")]
    [InlineData("%20")]
    public async Task NonNumericDeliveriesLimitIsRejectedNotAnError(string limit)
    {
        var type = await platform.NewEventTypeAsync();
        var (id, _) = await platform.CreateEndpointAsync("http://127.0.0.1/hook", type);

        var response = await platform.Http.GetAsync($"/api/webhooks/{id}/deliveries?limit={limit}");

        await ApiAssert.ValidationErrorAsync(response, "limit");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("1")]
    [InlineData("-1.-1")]
    [InlineData("99999999999.1")]
    [InlineData("2147483647.1")]
    [InlineData("1.1")]
    [InlineData("1.0")]
    public async Task DeliveriesCursorNotIssuedByTheApiIsRejected(string cursor)
    {
        var type = await platform.NewEventTypeAsync();
        var (id, _) = await platform.CreateEndpointAsync("http://127.0.0.1/hook", type);

        var response = await platform.Http.GetAsync($"/api/webhooks/{id}/deliveries?cursor={Uri.EscapeDataString(cursor)}");

        await ApiAssert.ValidationErrorAsync(response, "cursor");
    }

    [Fact]
    public async Task PublishBodyOver256KilobytesIsRejectedAsPayloadTooLarge()
    {
        var type = await platform.NewEventTypeAsync();

        var response = await platform.Http.PostAsJsonAsync("/api/events", new { type, data = new { blob = new string('x', 256 * 1024) } });

        await ApiAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge);
    }

    [Fact]
    public async Task ChunkedPublishBodyOver256KilobytesIsRejectedAsPayloadTooLarge()
    {
        var type = await platform.NewEventTypeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Content = JsonContent.Create(new { type, data = new { blob = new string('x', 300 * 1024) } }),
        };
        request.Headers.TransferEncodingChunked = true;

        var response = await platform.Http.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        await ApiAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge);
    }

    [Fact]
    public async Task PublishBodyJustUnder256KilobytesIsAccepted()
    {
        var type = await platform.NewEventTypeAsync();
        var envelope = System.Text.Json.JsonSerializer.Serialize(new { type, data = new { blob = "" } });
        var blob = new string('x', (256 * 1024) - envelope.Length);

        var response = await platform.Http.PostAsJsonAsync("/api/events", new { type, data = new { blob } });

        Assert.Equal(256 * 1024, response.RequestMessage!.Content!.Headers.ContentLength);
        await ApiAssert.SuccessAsync(response, HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task UnknownEndpointIdIsNotFound()
    {
        const string id = "ep_doesnotexist0000000000000";

        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync($"/api/webhooks/{id}"));
        await ApiAssert.NotFoundAsync(await platform.Http.PutAsJsonAsync($"/api/webhooks/{id}", new { description = "x" }));
        await ApiAssert.NotFoundAsync(await platform.Http.DeleteAsync($"/api/webhooks/{id}"));
        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync($"/api/webhooks/{id}/deliveries"));
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("evt_x:ep_y")]
    public async Task UnknownDeliveryIdIsNotFound(string deliveryId)
    {
        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync($"/api/deliveries/{deliveryId}"));
    }

    [Theory]
    [InlineData("GET", "/api/nothing-here")]
    [InlineData("GET", "/nothing-here")]
    [InlineData("POST", "/api/webhooks/x/y/z")]
    [InlineData("GET", "/api/webhooks/x/y/z")]
    public async Task UnknownRouteIsNotFoundInTheEnvelope(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        var error = await ApiAssert.NotFoundAsync(await platform.Http.SendAsync(request));
        Assert.Equal($"No route for {method} {path}.", error["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("DELETE", "/api/events")]
    [InlineData("PATCH", "/api/webhooks/ep_x")]
    [InlineData("PUT", "/api/event-types")]
    public async Task MethodNotTakenByAnExistingRouteIsMethodNotAllowedInTheEnvelope(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        var response = await platform.Http.SendAsync(request);

        await ApiAssert.ErrorAsync(response, HttpStatusCode.MethodNotAllowed, ErrorCodes.BadRequest);
        Assert.NotEmpty(response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("not-a-secret")]
    [InlineData("whsec_")]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("WHSEC_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("whsk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public async Task GivenSecretThatIsNotWhsecAndBase64Of32BytesIsRejected(string secret)
    {
        var type = await platform.NewEventTypeAsync();

        var response = await platform.Http.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1/hook", events = new[] { type }, secret });

        await ApiAssert.ValidationErrorAsync(response, "secret");
    }

    [Fact]
    public async Task GivenValidSecretIsUsedToSignDeliveries()
    {
        var type = await platform.NewEventTypeAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var secret = "whsec_" + Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());
        var eventId = "evt-given-secret-" + Guid.NewGuid().ToString("N");

        var created = await ApiAssert.SuccessAsync(
            await platform.Http.PostAsJsonAsync("/api/webhooks", new { url = receiver.Url(), events = new[] { type }, secret }),
            HttpStatusCode.Created);
        await platform.PublishAsync(new { id = eventId, type, data = new { n = 1 } });
        await receiver.WaitForRequestsAsync(1);

        Assert.Equal(secret, created["secret"]!.GetValue<string>());
        var request = Assert.Single(receiver.Received);
        Assert.True(TestSignatures.SpecSignatureIsValid(request, secret), "X-Webhook-Signature does not verify with the given secret");
        Assert.True(TestSignatures.StandardSignatureIsValid(request, secret), "webhook-signature does not verify with the given secret");
    }

    [Theory]
    [InlineData("{\"url\": \"http://127.0.0.1/hook\", \"events\": [null]}", "events[0]")]
    [InlineData("{\"url\": \"http://127.0.0.1/hook\", \"events\": [\"%TYPE%\", null]}", "events[1]")]
    [InlineData("{\"url\": \"http://127.0.0.1/hook\", \"events\": [1, 2]}", "events[0]")]
    [InlineData("{\"url\": \"http://127.0.0.1/hook\", \"events\": \"%TYPE%\"}", "events")]
    [InlineData("{\"url\": \"http://127.0.0.1/hook\", \"events\": {\"a\": 1}}", "events")]
    [InlineData("{\"url\": 12345, \"events\": [\"%TYPE%\"]}", "url")]
    [InlineData("{\"url\": null, \"events\": [\"%TYPE%\"]}", "url")]
    [InlineData("{\"url\": [\"http://127.0.0.1/hook\"], \"events\": [\"%TYPE%\"]}", "url")]
    [InlineData("{\"url\": \"http://127.0.0.1/hook\", \"events\": [\"%TYPE%\"], \"active\": \"yes\"}", "active")]
    [InlineData("{\"url\": \"http://127.0.0.1/hook\", \"events\": [\"%TYPE%\"], \"active\": 1e400}", "active")]
    [InlineData("{\"url\": \"http://127.0.0.1/hook\", \"events\": [\"%TYPE%\"], \"headers\": {\"X-A\": null}}", "headers.X-A")]
    [InlineData("{\"url\": \"http://127.0.0.1/hook\", \"events\": [\"%TYPE%\"], \"headers\": {\"X-A\": 5}}", "headers.X-A")]
    [InlineData("{\"url\": \"http://127.0.0.1/hook\", \"events\": [\"%TYPE%\"], \"headers\": [\"X-A\"]}", "headers")]
    [InlineData("{\"url\": \"http://127.0.0.1/hook\", \"events\": [\"%TYPE%\"], \"secret\": 12345678901234567890123456789}", "secret")]
    [InlineData("{\"url\": \"http://127.0.0.1/hook\", \"events\": [\"%TYPE%\"], \"description\": {\"x\": 1}}", "description")]
    [InlineData("null", "body")]
    [InlineData("[]", "body")]
    [InlineData("\"http://127.0.0.1/hook\"", "body")]
    [InlineData("12345678901234567890123456789012345678901234567890", "body")]
    public async Task HostileWebhookBodyIsRejectedWithoutServerError(string body, string field)
    {
        var type = await platform.NewEventTypeAsync();

        var response = await platform.Http.PostAsync("/api/webhooks", ApiAssert.Json(body.Replace(TypePlaceholder, type, StringComparison.Ordinal)));

        await ApiAssert.ValidationErrorAsync(response, field);
    }

    [Theory]
    [InlineData("{\"type\": \"%TYPE%\", \"data\": 1e400}", "data")]
    [InlineData("{\"type\": \"%TYPE%\", \"data\": 123456789012345678901234567890123456789012345678901234567890}", "data")]
    [InlineData("{\"type\": \"%TYPE%\", \"data\": [null]}", "data")]
    [InlineData("{\"type\": [\"%TYPE%\"], \"data\": {}}", "type")]
    [InlineData("{\"type\": null, \"data\": {}}", "type")]
    [InlineData("{\"type\": 1e400, \"data\": {}}", "type")]
    [InlineData("{\"id\": 1e400, \"type\": \"%TYPE%\", \"data\": {}}", "id")]
    [InlineData("{\"id\": [\"a\"], \"type\": \"%TYPE%\", \"data\": {}}", "id")]
    [InlineData("{\"id\": null, \"type\": null, \"data\": null}", "data", "type")]
    [InlineData("{}", "data", "type")]
    [InlineData("null", "body")]
    [InlineData("[{\"type\": \"%TYPE%\", \"data\": {}}]", "body")]
    [InlineData("true", "body")]
    public async Task HostilePublishBodyIsRejectedWithoutServerError(string body, params string[] fields)
    {
        var type = await platform.NewEventTypeAsync();

        var response = await platform.Http.PostAsync("/api/events", ApiAssert.Json(body.Replace(TypePlaceholder, type, StringComparison.Ordinal)));

        await ApiAssert.ValidationErrorAsync(response, fields);
    }

    [Fact]
    public async Task DeeplyNestedDataIsRejectedWithoutServerError()
    {
        var type = await platform.NewEventTypeAsync();
        var data = new string('[', 2000) + new string(']', 2000);
        var body = $"{{\"type\": \"{type}\", \"data\": {{\"deep\": {data}}}}}";

        var response = await platform.Http.PostAsync("/api/events", ApiAssert.Json(body));

        await ApiAssert.ValidationErrorAsync(response, "data");
    }

    [Fact]
    public async Task TooManyCustomHeadersAreRejected()
    {
        var type = await platform.NewEventTypeAsync();
        var headers = Enumerable.Range(0, 21).ToDictionary(i => $"X-H{i}", i => "v");

        var response = await platform.Http.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1/hook", events = new[] { type }, headers });

        await ApiAssert.ValidationErrorAsync(response, "headers");
    }

    [Fact]
    public async Task TooManySubscriptionsAreRejected()
    {
        var type = await platform.NewEventTypeAsync();
        var events = Enumerable.Repeat(type, 257).ToArray();

        var response = await platform.Http.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1/hook", events });

        await ApiAssert.ValidationErrorAsync(response, "events");
    }

    [Fact]
    public async Task DescriptionLongerThan1024CharactersIsRejected()
    {
        var type = await platform.NewEventTypeAsync();
        var description = new string('d', 1025);

        var create = await platform.Http.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1/hook", events = new[] { type }, description });
        var register = await platform.Http.PostAsJsonAsync("/api/event-types", new { name = type + "_x", description });

        await ApiAssert.ValidationErrorAsync(create, "description");
        await ApiAssert.ValidationErrorAsync(register, "description");
    }

    [Theory]
    [InlineData("/api/events", "text/plain")]
    [InlineData("/api/events", null)]
    [InlineData("/api/webhooks", "application/x-www-form-urlencoded")]
    public async Task BodyThatIsNotDeclaredJsonIsUnsupportedMediaType(string path, string? contentType)
    {
        var type = await platform.NewEventTypeAsync();
        using var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"{{\"type\": \"{type}\", \"data\": {{}}}}"));
        if (contentType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        var response = await platform.Http.PostAsync(path, content);

        await ApiAssert.ErrorAsync(response, HttpStatusCode.UnsupportedMediaType, ErrorCodes.BadRequest);
    }
}
