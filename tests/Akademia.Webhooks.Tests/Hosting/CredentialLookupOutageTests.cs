using System.Net;
using System.Net.Http.Json;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Hosting;

/// <summary>
/// A managed key or portal token the gateway has not cached cannot be checked while no silo answers:
/// that is the platform being unavailable (503), not the caller being unknown (401).
/// </summary>
[Trait("Category", "Redis")]
[Trait("Category", "Process")]
public sealed class CredentialLookupOutageTests : IAsyncLifetime
{
    private ProcessCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ProcessCluster.StartAsync(1, new Dictionary<string, string>(StringComparer.Ordinal));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AnUncachedManagedKeyOrPortalTokenAnswers503WhileNoSiloIsReachable()
    {
        var created = await _cluster.Http.PostAsJsonAsync("/api/admin/api-keys", new { name = "never used before the outage", role = "reader" });
        var key = (await PlatformFixture.ReadJsonAsync(created, HttpStatusCode.Created))["data"]!["key"]!.GetValue<string>();
        var issued = await _cluster.Http.PostAsync("/api/apps/default/portal-access", null);
        var token = (await PlatformFixture.ReadJsonAsync(issued, HttpStatusCode.OK))["data"]!["token"]!.GetValue<string>();

        await _cluster.Silos[0].KillAsync();
        using var http = new HttpClient { BaseAddress = new Uri(_cluster.Gateway.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var answers = new List<HttpStatusCode>();
        foreach (var credential in new[] { key, token, key, token })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/webhooks");
            request.Headers.Add("X-API-Key", credential);
            using var response = await http.SendAsync(request);
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal("SERVICE_UNAVAILABLE", (await PlatformFixture.ReadJsonAsync(response, HttpStatusCode.ServiceUnavailable))["code"]!.GetValue<string>());
            }
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable], answers);
    }
}
