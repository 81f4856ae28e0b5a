using System.Security.Cryptography;

namespace Akademia.Webhooks.Grains.Inbound;

internal static class SignatureEncoding
{
    public static bool TryHex(string value, out byte[] bytes)
    {
        bytes = [];
        if (value.Length != HMACSHA256.HashSizeInBytes * 2)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(value);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool TryBase64(string value, out byte[] bytes)
    {
        var buffer = new byte[HMACSHA256.HashSizeInBytes + 3];
        if (Convert.TryFromBase64String(value, buffer, out var written) && written == HMACSHA256.HashSizeInBytes)
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }

    /// <summary>Both ways: a timestamp far in the future is as suspicious as an old one.</summary>
    public static bool WithinTolerance(long unixSeconds, DateTimeOffset now, TimeSpan tolerance)
    {
        var current = now.ToUnixTimeSeconds();
        var slack = (long)tolerance.TotalSeconds;
        return unixSeconds >= current - slack && unixSeconds <= current + slack;
    }

    public static byte[] Concat(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body)
    {
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content);
        body.CopyTo(content.AsSpan(prefix.Length));
        return content;
    }

    /// <summary>
    /// Whether any presented MAC equals the MAC of <paramref name="content"/> under any key. Each
    /// comparison takes the same time whatever the bytes, so timing reveals nothing about the expected MAC.
    /// </summary>
    public static bool AnyMatches(IEnumerable<byte[]> keys, ReadOnlySpan<byte> content, IReadOnlyList<byte[]> presented)
    {
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var matched = false;
        foreach (var key in keys)
        {
            HMACSHA256.HashData(key, content, expected);
            foreach (var mac in presented)
            {
                matched |= CryptographicOperations.FixedTimeEquals(expected, mac);
            }
        }

        return matched;
    }
}
