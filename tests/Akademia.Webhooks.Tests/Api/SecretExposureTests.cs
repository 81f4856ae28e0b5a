using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>The signing secret is handed out once, by the create, and never appears in any other answer.</summary>
[Collection(nameof(PlatformCollection))]
public sealed class SecretExposureTests(PlatformFixture platform)
{
    [Fact]
    public async Task GeneratedSecretIsWhsecAndBase64Of32Bytes()
    {
        var type = await platform.NewEventTypeAsync();

        var (_, first) = await platform.CreateEndpointAsync("http://127.0.0.1/one", type);
        var (_, second) = await platform.CreateEndpointAsync("http://127.0.0.1/two", type);

        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", first);
        Assert.Equal(32, Convert.FromBase64String(first["whsec_".Length..]).Length);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task SecretIsReturnedByCreateOnly()
    {
        var type = await platform.NewEventTypeAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var created = await ApiAssert.SuccessAsync(
            await platform.Http.PostAsJsonAsync("/api/webhooks", new { url = receiver.Url(), events = new[] { type } }),
            HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        var secret = created["secret"]!.GetValue<string>();
        var eventId = "evt-secret-" + Guid.NewGuid().ToString("N");
        await platform.PublishAsync(new { id = eventId, type, data = new { n = 1 } });
        await platform.WaitForDeliveryAsync($"{eventId}:{id}", d => d.Status == DeliveryStatus.Delivered);

        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["list"] = await platform.Http.GetAsync("/api/webhooks"),
            ["get"] = await platform.Http.GetAsync($"/api/webhooks/{id}"),
            ["put"] = await platform.Http.PutAsJsonAsync($"/api/webhooks/{id}", new { description = "changed" }),
            ["get after put"] = await platform.Http.GetAsync($"/api/webhooks/{id}"),
            ["deliveries"] = await platform.Http.GetAsync($"/api/webhooks/{id}/deliveries"),
            ["delivery"] = await platform.Http.GetAsync($"/api/deliveries/{eventId}:{id}"),
        };

        foreach (var (name, response) in answers)
        {
            var raw = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {(int)response.StatusCode} {raw}");
            Assert.True(raw.Contains(id, StringComparison.Ordinal), $"{name} does not show the endpoint: {raw}");
            AssertSecretAbsent(name, raw, secret);
        }
    }

    [Fact]
    public async Task GivenSecretIsNotReturnedAfterCreate()
    {
        var type = await platform.NewEventTypeAsync();
        var secret = "whsec_" + Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray());
        var created = await ApiAssert.SuccessAsync(
            await platform.Http.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1/hook", events = new[] { type }, secret }),
            HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();

        var get = await platform.Http.GetAsync($"/api/webhooks/{id}");
        var list = await platform.Http.GetAsync("/api/webhooks");

        Assert.Equal(secret, created["secret"]!.GetValue<string>());
        AssertSecretAbsent("get", await get.Content.ReadAsStringAsync(), secret);
        AssertSecretAbsent("list", await list.Content.ReadAsStringAsync(), secret);
    }

    private static void AssertSecretAbsent(string answer, string raw, string secret)
    {
        var key = secret["whsec_".Length..];
        // The serializer escapes '+' as \u002B, so look for the escaped form too, and in every decoded string.
        var escaped = JsonSerializer.Serialize(key).Trim('"');
        Assert.False(raw.Contains(key, StringComparison.Ordinal) || raw.Contains(escaped, StringComparison.Ordinal), $"{answer} contains the secret: {raw}");
        var json = JsonNode.Parse(raw);
        Assert.DoesNotContain(ApiAssert.PropertyNames(json), name => name.Contains("secret", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(StringValues(json), value => value.Contains(key, StringComparison.Ordinal));
    }

    private static IEnumerable<string> StringValues(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => StringValues(p.Value)),
        JsonArray a => a.SelectMany(StringValues),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        _ => [],
    };
}
