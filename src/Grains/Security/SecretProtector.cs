using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Security;

/// <summary>
/// AES-256-GCM over each secret, so a dump of grain storage holds no usable signing secret. Stored
/// form: <c>enc1:{keyId}:{base64(nonce | tag | ciphertext)}</c>.
/// </summary>
public sealed class SecretProtector
{
    private const string Prefix = "enc1";
    private readonly string _keyId;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public SecretProtector(IOptions<SecretsOptions> options)
    {
        var value = options.Value;
        _keyId = value.KeyId;
        foreach (var (id, key) in value.PreviousKeys ?? [])
        {
            _keys[id] = Convert.FromBase64String(key);
        }

        _keys[_keyId] = Convert.FromBase64String(value.EncryptionKey!);
    }

    public string Protect(string plaintext)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[AesGcm.NonceByteSizes.MaxSize + AesGcm.TagByteSizes.MaxSize + data.Length];
        var nonce = output.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
        var tag = output.AsSpan(nonce.Length, AesGcm.TagByteSizes.MaxSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_keyId], tag.Length);
        aes.Encrypt(nonce, data, output.AsSpan(nonce.Length + tag.Length), tag, Encoding.ASCII.GetBytes(_keyId));
        return $"{Prefix}:{_keyId}:{Convert.ToBase64String(output)}";
    }

    public string Unprotect(string stored)
    {
        var parts = stored.Split(':');
        if (parts.Length != 3 || parts[0] != Prefix || !_keys.TryGetValue(parts[1], out var key))
        {
            throw new CryptographicException("The stored secret was written with an unknown key or format.");
        }

        var input = Convert.FromBase64String(parts[2]);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var plaintext = new byte[input.Length - nonceSize - tagSize];
        using var aes = new AesGcm(key, tagSize);
        aes.Decrypt(input.AsSpan(0, nonceSize), input.AsSpan(nonceSize + tagSize), input.AsSpan(nonceSize, tagSize), plaintext, Encoding.ASCII.GetBytes(parts[1]));
        return Encoding.UTF8.GetString(plaintext);
    }
}
