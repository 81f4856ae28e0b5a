using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Akademia.Webhooks.Tests.Api;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Inbound;

/// <summary><c>/api/admin/sources</c>: admin only, secrets in but never out.</summary>
[Collection(nameof(InboundCollection))]
public sealed class InboundSourceApiTests(InboundFixture platform)
{
    private static readonly string[] SourceFields =
        ["applicationId", "createdAt", "eventTypePrefix", "id", "maxAttempts", "previousSecretCount", "provider", "rateLimitPerMinute", "signatureHeader", "updatedAt"];

    [Theory]
    [InlineData("stripe", "whsec_defaults_stripe_secret", 5, null)]
    [InlineData("github", "defaults-github-secret", 7, null)]
    [InlineData("standard", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", 5, null)]
    [InlineData("hmac", "defaults-hmac-secret", 5, "X-Webhook-Signature")]
    public async Task CreatedSourceHasTheProvidersDefaultsAndNoSecret(string provider, string secret, int maxAttempts, string? signatureHeader)
    {
        var id = $"defaults-{provider}-{Guid.NewGuid():N}";

        var created = await ApiAssert.SuccessAsync(
            await platform.Http.PostAsJsonAsync("/api/admin/sources", new { id, provider, secret }), HttpStatusCode.Created);

        Assert.Equal(SourceFields, created.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(
            (id, provider, 1000, maxAttempts, provider + ".", signatureHeader, 0),
            (created["id"]!.GetValue<string>(), created["provider"]!.GetValue<string>(), created["rateLimitPerMinute"]!.GetValue<int>(),
             created["maxAttempts"]!.GetValue<int>(), created["eventTypePrefix"]!.GetValue<string>(), created["signatureHeader"]?.GetValue<string>(),
             created["previousSecretCount"]!.GetValue<int>()));

        var answers = new[]
        {
            created.ToJsonString(),
            await (await platform.Http.GetAsync($"/api/admin/sources/{id}")).Content.ReadAsStringAsync(),
            await (await platform.Http.GetAsync("/api/admin/sources")).Content.ReadAsStringAsync(),
            await (await platform.Http.PutAsJsonAsync($"/api/admin/sources/{id}", new { rateLimitPerMinute = 10 })).Content.ReadAsStringAsync(),
        };
        Assert.All(answers, raw => Assert.DoesNotContain(secret["whsec_".Length..], raw, StringComparison.Ordinal));
        Assert.Contains(id, answers[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateChangesOnlyTheGivenFieldsAndANewSecretTakesEffectWithThePreviousStillAccepted()
    {
        var id = await platform.CreateSourceAsync("stripe", "whsec_old_secret_for_rotation", new { rateLimitPerMinute = 50, eventTypePrefix = "pay.stripe." });
        var before = await platform.GetDataAsync($"/api/admin/sources/{id}");

        var updated = await ApiAssert.SuccessAsync(await platform.Http.PutAsJsonAsync($"/api/admin/sources/{id}", new
        {
            secret = "whsec_new_secret_for_rotation",
            previousSecrets = new[] { "whsec_old_secret_for_rotation" },
            maxAttempts = 9,
        }), HttpStatusCode.OK);

        Assert.Equal((50, 9, "pay.stripe.", 1), (updated["rateLimitPerMinute"]!.GetValue<int>(), updated["maxAttempts"]!.GetValue<int>(),
            updated["eventTypePrefix"]!.GetValue<string>(), updated["previousSecretCount"]!.GetValue<int>()));
        Assert.Equal(before["createdAt"]!.GetValue<DateTimeOffset>(), updated["createdAt"]!.GetValue<DateTimeOffset>());
        Assert.True(updated["updatedAt"]!.GetValue<DateTimeOffset>() > before["updatedAt"]!.GetValue<DateTimeOffset>());
        var withNew = await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(id, "whsec_new_secret_for_rotation", InboundRequests.StripeEvent("evt_" + Guid.NewGuid().ToString("N"))));
        await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(id, "whsec_old_secret_for_rotation", InboundRequests.StripeEvent("evt_" + Guid.NewGuid().ToString("N"))));
        var processed = await platform.WaitForMessageAsync(withNew, m => m.Status == InboundMessageStatus.Processed);
        Assert.Equal("pay.stripe.payment_intent.succeeded", processed.EventType);
        Assert.Equal(9, processed.MaxAttempts);

        // Dropping the previous secrets ends its acceptance; the provider cannot change.
        await ApiAssert.SuccessAsync(await platform.Http.PutAsJsonAsync($"/api/admin/sources/{id}", new { previousSecrets = Array.Empty<string>() }), HttpStatusCode.OK);
        await ApiAssert.ErrorAsync(await platform.SendStripeAsync(id, "whsec_old_secret_for_rotation", InboundRequests.StripeEvent("evt_" + Guid.NewGuid().ToString("N"))),
            HttpStatusCode.Unauthorized, ErrorCodes.InvalidSignature);
        await ApiAssert.ValidationErrorAsync(await platform.Http.PutAsJsonAsync($"/api/admin/sources/{id}", new { provider = "github" }), "provider");
    }

    [Fact]
    public async Task DeletedSourceAnswers404ButItsAcceptedMessagesRemain()
    {
        var id = await platform.CreateSourceAsync("stripe", "whsec_deleted_source_secret");
        var accepted = await InboundRequests.AcceptedIdAsync(await platform.SendStripeAsync(id, "whsec_deleted_source_secret", InboundRequests.StripeEvent("evt_" + Guid.NewGuid().ToString("N"))));

        var deleted = await ApiAssert.SuccessAsync(await platform.Http.DeleteAsync($"/api/admin/sources/{id}"), HttpStatusCode.OK);

        Assert.True(deleted["deleted"]!.GetValue<bool>());
        await ApiAssert.NotFoundAsync(await platform.Http.GetAsync($"/api/admin/sources/{id}"));
        await ApiAssert.NotFoundAsync(await platform.Http.DeleteAsync($"/api/admin/sources/{id}"));
        await ApiAssert.NotFoundAsync(await platform.SendStripeAsync(id, "whsec_deleted_source_secret", InboundRequests.StripeEvent("evt_" + Guid.NewGuid().ToString("N"))));
        Assert.DoesNotContain(id, await (await platform.Http.GetAsync("/api/admin/sources")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await platform.WaitForMessageAsync(accepted, m => m.Status == InboundMessageStatus.Processed);
    }

    [Fact]
    public async Task InvalidDefinitionsNameEachBadField()
    {
        var id = "invalid-" + Guid.NewGuid().ToString("N");

        await ApiAssert.ValidationErrorAsync(await platform.Http.PostAsJsonAsync("/api/admin/sources", new
        {
            id,
            provider = "stripe",
            secret = "",
            previousSecrets = new[] { "has white space" },
            rateLimitPerMinute = 0,
            maxAttempts = 21,
            eventTypePrefix = "Stripe",
            signatureHeader = "X-Sig",
        }), "secret", "previousSecrets[0]", "rateLimitPerMinute", "maxAttempts", "eventTypePrefix", "signatureHeader");
        await ApiAssert.ValidationErrorAsync(await platform.Http.PostAsJsonAsync("/api/admin/sources", new { id, provider = "paypal", secret = "s" }), "provider");
        await ApiAssert.ValidationErrorAsync(await platform.Http.PostAsJsonAsync("/api/admin/sources", new { id, provider = "standard", secret = "whsec_c2hvcnQ=" }), "secret");
        await ApiAssert.ValidationErrorAsync(await platform.Http.PostAsJsonAsync("/api/admin/sources", new { id = "has space", provider = "stripe", secret = "s" }), "id");
        await ApiAssert.ValidationErrorAsync(await platform.Http.PostAsJsonAsync("/api/admin/sources", new { provider = "stripe", secret = "s" }), "id");
        await ApiAssert.ValidationErrorAsync(await platform.Http.PostAsJsonAsync("/api/admin/sources", new { id, provider = "hmac", secret = "s", signatureHeader = "Bad Header" }), "signatureHeader");

        await platform.CreateSourceAsync("github", "s");
        var taken = await platform.CreateSourceAsync("github", "s");
        await ApiAssert.ErrorAsync(await platform.Http.PostAsJsonAsync("/api/admin/sources", new { id = taken, provider = "github", secret = "s" }), HttpStatusCode.Conflict, ErrorCodes.Conflict);
    }

    [Fact]
    public async Task SourcesAndInboundAdministrationNeedTheAdminRole()
    {
        using var publisher = platform.ClientWithKey(PlatformFixture.PublisherKey);
        using var anonymous = platform.AnonymousClient();

        foreach (var path in new[] { "/api/admin/sources", "/api/admin/inbound/messages", "/api/admin/inbound/stats", "/api/admin/inbound/dead-letter" })
        {
            await ApiAssert.ErrorAsync(await publisher.GetAsync(path), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            await ApiAssert.ErrorAsync(await anonymous.GetAsync(path), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        }

        await ApiAssert.ErrorAsync(await publisher.PostAsJsonAsync("/api/admin/sources", new { id = "nope", provider = "stripe", secret = "s" }), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task ListShowsSourcesOldestFirstWithoutSecrets()
    {
        var first = await platform.CreateSourceAsync("hmac", "list-secret-one");
        var second = await platform.CreateSourceAsync("github", "list-secret-two");

        var raw = await (await platform.Http.GetAsync("/api/admin/sources")).Content.ReadAsStringAsync();
        var ids = JsonNode.Parse(raw)!["data"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToList();

        Assert.True(ids.IndexOf(first) >= 0 && ids.IndexOf(first) < ids.IndexOf(second), $"{first} is not listed before {second}");
        Assert.DoesNotContain("list-secret", raw, StringComparison.Ordinal);
    }
}
