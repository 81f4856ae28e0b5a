using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Akademia.Webhooks.Grains.Security;

/// <summary>
/// Which addresses outbound deliveries may connect to. Public unicast addresses are allowed;
/// loopback, private, link-local, CGNAT, multicast, reserved and documentation ranges are not,
/// including when an IPv4 address hides inside an IPv6 one (mapped, compatible, 6to4, NAT64).
/// Listed networks are allowed explicitly, which is how development and tests reach loopback.
/// </summary>
public sealed class DestinationPolicy(IEnumerable<IPNetwork> allowedNetworks)
{
    private static readonly IPNetwork[] BlockedV4 = Parse(
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
        "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");

    private static readonly IPNetwork[] BlockedV6 = Parse(
        "::/128", "::1/128", "100::/64", "2001::/32", "2001:10::/28", "2001:20::/28", "2001:db8::/32",
        "64:ff9b:1::/48", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");

    private static readonly byte[] Nat64Prefix = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly IPNetwork[] _allowed = [.. allowedNetworks];

    public static DestinationPolicy Strict { get; } = new([]);

    public bool IsAllowed(IPAddress address)
    {
        if (_allowed.Any(n => n.Contains(address)))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !BlockedV4.Any(n => n.Contains(address));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        // Check the IPv4 address an IPv6 one embeds, as that is where the packets end up.
        if (EmbeddedV4(address) is { } inner)
        {
            return IsAllowed(inner);
        }

        return !BlockedV6.Any(n => n.Contains(address));
    }

    /// <summary>
    /// Reads a host written as an IP literal, including the legacy numeric spellings that resolvers
    /// accept: <c>2130706433</c>, <c>0x7f.1</c>, <c>017700000001</c>, <c>127.1</c>.
    /// </summary>
    public static IPAddress? ParseLiteral(string host)
    {
        var trimmed = host.Trim('[', ']');
        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(trimmed, out var v6) ? v6 : null;
        }

        var parts = trimmed.TrimEnd('.').Split('.');
        if (parts.Length is < 1 or > 4)
        {
            return null;
        }

        var values = new ulong[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryParseNumber(parts[i], out values[i]))
            {
                return null;
            }
        }

        // inet_aton: the last part fills the remaining bytes.
        ulong value = 0;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (values[i] > 255)
            {
                return null;
            }

            value |= values[i] << (8 * (3 - i));
        }

        var last = values[^1];
        var lastBits = 8 * (4 - (parts.Length - 1));
        if (lastBits < 64 && last >= 1UL << lastBits)
        {
            return null;
        }

        value |= last;
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)value);
        return new IPAddress(bytes);
    }

    private static bool TryParseNumber(string text, out ulong value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return false;
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return text.Length > 2 && ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && value <= uint.MaxValue;
        }

        if (text.Length > 1 && text[0] == '0')
        {
            try
            {
                value = Convert.ToUInt64(text[1..], 8);
                return value <= uint.MaxValue;
            }
            catch (FormatException)
            {
                return false;
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        return text.All(char.IsAsciiDigit) && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= uint.MaxValue;
    }

    private static IPAddress? EmbeddedV4(IPAddress v6)
    {
        // Compared byte-wise: IPNetwork treats IPv4-mapped addresses specially.
        var bytes = v6.GetAddressBytes();
        if (v6.IsIPv4MappedToIPv6 || HasPrefix(bytes, Nat64Prefix))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return new IPAddress(bytes.AsSpan(2, 4));
        }

        // IPv4-compatible (deprecated), but not :: and ::1 themselves.
        if (HasPrefix(bytes, new byte[12]) && !v6.Equals(IPAddress.IPv6Any) && !v6.Equals(IPAddress.IPv6Loopback))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return null;
    }

    private static bool HasPrefix(byte[] bytes, byte[] prefix) => bytes.AsSpan(0, prefix.Length).SequenceEqual(prefix);

    private static IPNetwork[] Parse(params string[] networks) => [.. networks.Select(IPNetwork.Parse)];
}
