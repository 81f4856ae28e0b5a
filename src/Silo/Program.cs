using Akademia.Webhooks.Hosting;
using Akademia.Webhooks.Silo;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.ListenByDefaultOn("http://127.0.0.1:8080");
    builder.AddWebhookSilo();
    builder.AddPrometheusMetrics();
    builder.AddTracing();
    builder.AddDashboardAuthentication();
    builder.AddSiloHealthChecks();

    var app = builder.Build();
    app.MapSiloEndpoints();
    app.MapPrometheusMetrics();
    app.MapSiloHealthChecks();
    await app.RunAsync();
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    Console.Error.WriteLine($"Silo cannot start: {ex.Message}");
    Environment.ExitCode = 2;
}
