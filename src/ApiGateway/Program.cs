using Akademia.Webhooks.ApiGateway.Api;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.Hosting;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.ListenByDefaultOn("http://127.0.0.1:5080");
    builder.AddClusterClient();
    builder.AddApiConventions();
    builder.AddPrometheusMetrics();
    builder.AddApiDocs();

    var app = builder.Build();
    app.UseApiConventions();
    var api = app.MapApi();
    api.MapWebhooksApi();
    api.MapEventsApi();
    api.MapEventTypesApi();
    api.MapDeliveriesApi();
    api.MapAdminApi();
    api.MapClientErrorsApi();
    api.MapInboundApi();
    api.MapHealthApi();
    app.MapPrometheusMetrics();
    api.MapDocsApi();
    await app.RunAsync();
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    // One line and exit code 2, as the silo does: a misconfiguration, not a crash.
    Console.Error.WriteLine($"Gateway cannot start: {string.Join("; ", ex.Failures)}");
    Environment.ExitCode = 2;
}

/// <summary>The gateway's entry point, visible to the test host.</summary>
public partial class Program;
