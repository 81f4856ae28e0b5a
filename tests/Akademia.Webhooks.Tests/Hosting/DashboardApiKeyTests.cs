using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Hosting;

/// <summary>
/// The Orleans Dashboard outside Development, as operators run it (a silo and a gateway process on a
/// real redis-server): it opens for the configured admin key and for admin keys created through the
/// API that span all applications, and for nothing else.
/// </summary>
[Trait("Category", "Redis")]
[Trait("Category", "Process")]
public sealed class DashboardApiKeyTests : IAsyncLifetime
{
    private ProcessCluster _cluster = null!;
    private readonly HttpClient _browser = new() { Timeout = TimeSpan.FromSeconds(20) };

    public async Task InitializeAsync() => _cluster = await ProcessCluster.StartAsync(1, new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Secrets:EncryptionKey"] = PlatformFixture.TestEncryptionKey,
        ["Secrets:KeyId"] = "test",
        ["Auth:ApiKeys:0:Name"] = "ops",
        ["Auth:ApiKeys:0:Key"] = ProcessCluster.AdminKey,
        ["Auth:ApiKeys:0:Roles:0"] = "admin",
    });

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task AnAdminKeyFromTheApiOpensTheDashboardUntilItIsRevokedAndNoOtherManagedKeyDoes()
    {
        var admin = await CreateKeyAsync(new { name = "dashboard admin", role = "admin" });
        var publisher = await CreateKeyAsync(new { name = "dashboard publisher", role = "publisher" });
        var scopedAdmin = await CreateKeyAsync(new { name = "default's admin", role = "admin", applicationId = "default" });

        var asBasic = await DashboardAsync(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + admin.Key))));
        var asBearer = await DashboardAsync(new AuthenticationHeaderValue("Bearer", admin.Key));
        var configured = await DashboardAsync(new AuthenticationHeaderValue("Bearer", ProcessCluster.AdminKey));
        var byPublisher = await DashboardAsync(new AuthenticationHeaderValue("Bearer", publisher.Key));
        var byScopedAdmin = await DashboardAsync(new AuthenticationHeaderValue("Bearer", scopedAdmin.Key));
        var unknown = await DashboardAsync(new AuthenticationHeaderValue("Bearer", ApiKeyTokens.New()));
        (await _cluster.Http.DeleteAsync($"/api/admin/api-keys/{admin.Id}")).EnsureSuccessStatusCode();
        var afterRevocation = await DashboardAsync(new AuthenticationHeaderValue("Bearer", admin.Key));

        Assert.Equal(HttpStatusCode.OK, asBasic);
        Assert.Equal(HttpStatusCode.OK, asBearer);
        Assert.Equal(HttpStatusCode.OK, configured);
        Assert.Equal(HttpStatusCode.Forbidden, byPublisher);
        Assert.Equal(HttpStatusCode.Unauthorized, byScopedAdmin);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown);
        // The silo asks the key's grain on every dashboard request: a revocation holds at once.
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevocation);
    }

    private async Task<(string Id, string Key)> CreateKeyAsync(object body)
    {
        var response = await _cluster.Http.PostAsJsonAsync("/api/admin/api-keys", body);
        var data = (await PlatformFixture.ReadJsonAsync(response, HttpStatusCode.Created))["data"]!;
        return (data["id"]!.GetValue<string>(), data["key"]!.GetValue<string>());
    }

    private async Task<HttpStatusCode> DashboardAsync(AuthenticationHeaderValue credentials)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _cluster.Silos[0].BaseUrl + "/dashboard/");
        request.Headers.Authorization = credentials;
        using var response = await _browser.SendAsync(request);
        return response.StatusCode;
    }
}
