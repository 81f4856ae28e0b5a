using System.Net;
using System.Net.Sockets;

namespace Akademia.Webhooks.Testing;

public static class Ports
{
    private static readonly HashSet<int> Handed = [];

    /// <summary>A loopback port nothing listens on now (and not handed out before by this run).</summary>
    public static int Free()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (Handed)
            {
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }

    public static async Task<bool> ListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
