using System.Security.Cryptography;
using System.Text;

namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>
/// Verifies both signature schemes the way a receiver would, written from the schemes' definitions
/// rather than with the platform's signer.
/// </summary>
public static class TestSignatures
{
    public static byte[] KeyOf(string secret) => Convert.FromBase64String(secret["whsec_".Length..]);

    public static bool SpecSignatureIsValid(ReceivedRequest request, string secret)
    {
        using var hmac = new HMACSHA256(KeyOf(secret));
        var expected = "sha256=" + Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(request.Body))).ToLowerInvariant();
        return request.Header("X-Webhook-Signature") == expected;
    }

    public static bool StandardSignatureIsValid(ReceivedRequest request, string secret)
    {
        var id = request.Header("webhook-id");
        var timestamp = request.Header("webhook-timestamp");
        using var hmac = new HMACSHA256(KeyOf(secret));
        var expected = "v1," + Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{id}.{timestamp}.{request.Body}")));
        return request.Header("webhook-signature").Split(' ').Contains(expected);
    }
}
