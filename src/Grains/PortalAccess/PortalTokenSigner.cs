using System.Security.Cryptography;
using System.Text;
using Akademia.Webhooks.Grains.Security;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.PortalAccess;

/// <summary>
/// Signs and checks portal tokens with HMAC-SHA256. The key is derived with HKDF from
/// <c>Secrets:EncryptionKey</c> under a label of its own, so it is never the encryption key itself,
/// needs no setting of its own, and is the same on every silo. It never leaves the silo.
/// </summary>
public sealed class PortalTokenSigner
{
    private static readonly byte[] Label = "akademia.portal-token.v1"u8.ToArray();
    private readonly byte[] _key;

    public PortalTokenSigner(IOptions<SecretsOptions> secrets) =>
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(secrets.Value.EncryptionKey!), 32, salt: [], info: Label);

    public byte[] Sign(string signedText) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(signedText));

    /// <summary>Whether <paramref name="mac"/> is the MAC of <paramref name="signedText"/>, compared in constant time.</summary>
    public bool Verify(string signedText, byte[] mac) => CryptographicOperations.FixedTimeEquals(Sign(signedText), mac);
}
