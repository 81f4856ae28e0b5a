using System.Net.Sockets;
using System.Text;
using Akademia.Webhooks.Tests.Deliveries;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Api;

/// <summary>
/// <c>%00</c> in a path id. Kestrel decodes the path while parsing the request line and refuses a
/// decoded NUL there (<c>Http1Connection.ParseTarget</c>: "Invalid request target"), so it answers 400
/// before any middleware runs: no request id, no security headers, no envelope, and nothing the
/// application can shape. These tests pin that evidence, sent byte for byte over a socket, and show
/// that every other control character in the same place does reach the application and its envelope
/// (a whitespace-only id, such as <c>%0A</c> or <c>%20</c>, used to answer 500: Orleans refuses it as a
/// grain key).
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class PathNulTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("GET", "/api/webhooks/%00")]
    [InlineData("GET", "/api/deliveries/%00")]
    [InlineData("GET", "/api/admin/webhooks/dead-letter-queue/%00")]
    [InlineData("DELETE", "/api/admin/webhooks/dead-letter-queue/%00")]
    [InlineData("POST", "/api/admin/webhooks/dead-letter-queue/%00/replay")]
    [InlineData("GET", "/no-such-route/%00")]
    public async Task NulInAPathIsRefusedByKestrelBeforeAnyMiddleware(string method, string path)
    {
        var response = await SendRawAsync(method, path);

        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", response, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Length: 0\r\n", response, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", response, StringComparison.Ordinal);
        // Every answer of the application carries these; this one never reached it.
        Assert.DoesNotContain("X-Request-ID", response, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("X-Content-Type-Options", response, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("\r\n\r\n", response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/webhooks/%01")]
    [InlineData("/api/webhooks/%0A")]
    [InlineData("/api/webhooks/%20")]
    [InlineData("/api/webhooks/%09/deliveries")]
    [InlineData("/api/deliveries/%0A")]
    [InlineData("/api/deliveries/%0D%0A")]
    [InlineData("/api/admin/webhooks/dead-letter-queue/%7F")]
    [InlineData("/api/admin/webhooks/dead-letter-queue/%20")]
    [InlineData("/api/admin/inbound/messages/%0A")]
    public async Task AnyOtherControlCharacterInAPathIdReachesTheApplicationAndIsAnsweredInTheEnvelope(string path)
    {
        var response = await platform.Http.GetAsync(path);

        await ApiAssert.NotFoundAsync(response);
    }

    private async Task<string> SendRawAsync(string method, string path)
    {
        var address = platform.Http.BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        var request = $"{method} {path} HTTP/1.1\r\nHost: {address.Authority}\r\nX-API-Key: {PlatformFixture.AdminKey}\r\nContent-Length: 0\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        // Kestrel closes the connection after a rejected request: read to the end.
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
