using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Akademia.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Testing;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// Managed keys, portal tokens and the portal signing key never reach a log: every record the silo
/// and the gateway write (<see cref="AccessFixture.Logs"/>, disabled levels included) is searched for
/// each, in its message, its structured values and its exception.
/// </summary>
[Collection(nameof(AccessCollection))]
public sealed class AccessSecretLogTests(AccessFixture platform)
{
    [Fact]
    public async Task NoKeyTokenOrSigningKeyAppearsInAnyLogRecord()
    {
        var created = await ApiAssert.SuccessAsync(
            await platform.Http.PostAsJsonAsync("/api/admin/api-keys", new { name = "logged key", role = "admin" }), HttpStatusCode.Created);
        var key = created["key"]!.GetValue<string>();
        var id = created["id"]!.GetValue<string>();
        using (var client = platform.ClientWithKey(key))
        {
            await client.GetAsync("/api/webhooks");
            await client.PostAsJsonAsync("/api/events", new { type = "never.registered_type", data = new { } });
        }

        await platform.Http.DeleteAsync($"/api/admin/api-keys/{id}");
        var token = (await ApiAssert.SuccessAsync(await platform.Http.PostAsync("/api/apps/default/portal-access", null), HttpStatusCode.OK))["token"]!.GetValue<string>();
        using (var portal = platform.ClientWithKey(token))
        {
            await portal.GetAsync("/api/webhooks");
            await portal.GetAsync("/api/admin/api-keys");
        }

        await platform.Http.PostAsync("/api/apps/default/portal-access/revoke", null);
        using (var forged = platform.ClientWithKey(token[..^2] + "AA"))
        {
            await forged.GetAsync("/api/webhooks");
        }

        var digest = ApiKeyTokens.Digest(key);
        var signingKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(PlatformFixture.TestEncryptionKey), 32, salt: [], info: "akademia.portal-token.v1"u8.ToArray());
        var secrets = new Dictionary<string, string>
        {
            ["the key"] = key,
            ["the key without its prefix"] = key["akk_".Length..],
            ["the key's digest (hex)"] = Convert.ToHexStringLower(digest),
            ["the key's digest (base64)"] = Convert.ToBase64String(digest),
            ["the token"] = token,
            ["the token's MAC"] = token[(token.IndexOf('.', StringComparison.Ordinal) + 1)..],
            ["the signing key (hex)"] = Convert.ToHexStringLower(signingKey),
            ["the signing key (base64)"] = Convert.ToBase64String(signingKey),
            ["the encryption key"] = PlatformFixture.TestEncryptionKey,
        };
        var records = AccessFixture.Logs.GetSnapshot();

        Assert.Contains(records, r => r.Message.Contains($"API key {id} (logged key) created with role admin", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains($"API key {id} (logged key, role admin, application (all)) revoked", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains("Portal tokens of application default revoked", StringComparison.Ordinal));
        // The gateway's records are searched too: its handler logged the refusals of the forged token and of the portal token on an admin route.
        Assert.Contains(records, r => r.Category == typeof(Akademia.Webhooks.ApiGateway.Security.ApiKeyHandler).FullName && r.Message.Contains("forbidden", StringComparison.Ordinal));
        foreach (var record in records)
        {
            var text = Text(record);
            foreach (var (name, secret) in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{name} is in a {record.Level} record of {record.Category}: {text}");
            }
        }
    }

    private static string Text(FakeLogRecord record) =>
        string.Join('\n', [record.Message, record.Exception?.ToString() ?? "", .. (record.StructuredState ?? []).Select(p => $"{p.Key}={p.Value}")]);
}
