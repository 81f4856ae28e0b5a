using System.Net;
using System.Net.Sockets;
using Akademia.Webhooks.Grains.Deliveries;

namespace Akademia.Webhooks.Grains.Security;

/// <summary>
/// The outbound connect step. It resolves the host itself and dials only addresses the policy
/// allows, so what is checked is what is connected to: DNS rebinding between a check and the
/// connection cannot slip a private address through.
/// </summary>
public sealed class GuardedConnector(DestinationPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = DestinationPolicy.ParseLiteral(host) is { } literal
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(policy.IsAllowed).ToArray();
        if (allowed.Length == 0)
        {
            throw new ForbiddenDestinationException(
                $"'{host}' resolves only to addresses deliveries may not reach ({string.Join(", ", addresses.Select(a => a.ToString()))})");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
