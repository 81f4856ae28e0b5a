using Akademia.Webhooks.Hosting;
using Akademia.Webhooks.Silo;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddBoundedShutdown("Silo");
    builder.ListenByDefaultOn("http://127.0.0.1:8080");
    builder.AddPlatformLogging();
    builder.AddWebhookSilo();
    builder.AddPrometheusMetrics();
    builder.AddTracing();
    builder.AddDashboardAuthentication();
    builder.AddSiloHealthChecks();

    var app = builder.Build();
    app.Services.CheckPlatformOptions();
    app.MapSiloEndpoints();
    app.MapPrometheusMetrics();
    app.MapSiloHealthChecks();
    await app.RunAsync();
}
catch (Exception ex) when (StartupFailure.IsBadSetting(ex))
{
    // One line and exit code 2: a misconfiguration, not a crash. Settings are checked before the host
    // runs, so the host has logged nothing about it and Orleans has bound no port.
    Environment.ExitCode = StartupFailure.Report("Silo", ex);
}
