using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Hosting;

/// <summary>
/// <c>Logging__LogLevel__&lt;Category&gt;</c> in the environment of the real processes: a level per
/// category, the longest matching prefix winning; and the trace id on the lines written inside a request.
/// </summary>
[Trait("Category", "Process")]
public sealed class LogLevelTests : IAsyncLifetime
{
    private const string HostStarted = "Content root path: ";
    private const string LifetimeInfo = " info: Microsoft.Hosting.Lifetime[";

    private readonly LocalPlatform _platform = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    [Fact]
    public async Task SettingTheOptionsLoggerToInformationBringsOrleansOptionDumpsBack()
    {
        var silo = await _platform.StartSiloAsync(new Dictionary<string, string> { ["Logging:LogLevel:Orleans.Runtime.SiloOptionsLogger"] = "Information" });

        var lines = await ConsoleOutput.WaitForLinesAsync(silo, HostStarted);

        Assert.Contains(lines, l => l.Contains(" info: Orleans.Runtime.SiloOptionsLogger[54896279] Configuration Orleans.Configuration.ClusterOptions: ", StringComparison.Ordinal));
        // Only that category: the rest of Orleans' start-up chatter stays at Warning.
        Assert.DoesNotContain(lines, l => l.Contains(" info: Orleans.Runtime.Silo[", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DefaultWarningSilencesEveryInformationLineButThoseOfACategorySetApart()
    {
        var silo = await _platform.StartSiloAsync(new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        });

        var lines = await ConsoleOutput.WaitForLinesAsync(silo, HostStarted);

        Assert.All(lines.Where(l => l.Contains(" info: ", StringComparison.Ordinal)), l => Assert.Contains(LifetimeInfo, l, StringComparison.Ordinal));
        Assert.Equal(4, lines.Count(l => l.Contains(LifetimeInfo, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ThePlatformsOwnCategoriesAreSetByTheirNamespace()
    {
        var silo = await _platform.StartSiloAsync(new Dictionary<string, string> { ["Logging:LogLevel:Akademia.Webhooks"] = "Warning" });

        var lines = await ConsoleOutput.WaitForLinesAsync(silo, HostStarted);

        // The silo's line is written before the host starts listening, so it would be here by now.
        Assert.DoesNotContain(lines, l => l.Contains("Akademia.Webhooks.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(LifetimeInfo + "14] Now listening on: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("simple")]
    [InlineData("json")]
    public async Task ALineWrittenInsideARequestCarriesTheRequestsTraceIdWithTracingOn(string formatter)
    {
        await _platform.StartSiloAsync();
        var gateway = await _platform.StartGatewayAsync(new Dictionary<string, string>
        {
            ["Telemetry:Tracing"] = "true",
            ["Logging:Console:FormatterName"] = formatter,
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        var live = gateway.BaseUrl + "/health/live";
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, live);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = await ConsoleOutput.WaitForLinesAsync(gateway, "Request finished HTTP/1.1 GET " + live);

        var finished = Assert.Single(lines, l => l.Contains("Request finished HTTP/1.1 GET " + live, StringComparison.Ordinal));
        if (formatter == "json")
        {
            using var entry = JsonDocument.Parse(finished);
            Assert.Contains(entry.RootElement.GetProperty("Scopes").EnumerateArray(),
                s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out var id) && id.GetString() == traceId);
        }
        else
        {
            Assert.Contains($"TraceId:{traceId}", finished, StringComparison.Ordinal);
        }
    }
}
