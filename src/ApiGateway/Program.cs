using Akademia.Webhooks.ApiGateway.Api;
using Akademia.Webhooks.ApiGateway.Api.ApiKeys;
using Akademia.Webhooks.ApiGateway.Api.Applications;
using Akademia.Webhooks.ApiGateway.Api.Breakers;
using Akademia.Webhooks.ApiGateway.Api.ClientErrors;
using Akademia.Webhooks.ApiGateway.Api.Deliveries;
using Akademia.Webhooks.ApiGateway.Api.Endpoints;
using Akademia.Webhooks.ApiGateway.Api.Events;
using Akademia.Webhooks.ApiGateway.Api.Health;
using Akademia.Webhooks.ApiGateway.Api.Inbound;
using Akademia.Webhooks.ApiGateway.Api.Monitoring;
using Akademia.Webhooks.ApiGateway.Api.PortalAccess;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;
using Akademia.Webhooks.Hosting;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddBoundedShutdown("Gateway");
    builder.ListenByDefaultOn("http://127.0.0.1:5080");
    builder.AddPlatformLogging();
    builder.AddClusterClient();
    builder.AddGatewayHealthChecks();
    builder.AddApiConventions();
    builder.AddRouteTimeouts();
    builder.AddApiKeyAuthentication();
    builder.AddPrometheusMetrics();
    builder.AddTracing();
    builder.AddApiDocs();
    builder.AddApplications();

    var app = builder.Build();
    app.Services.CheckPlatformOptions();
    app.UseApiConventions();

    // Mapped in this order, which is the order of the API reference.
    var api = app.MapApi();
    api.MapEndpointsApi();
    api.MapApplicationsApi();
    api.MapEventsApi();
    api.MapEventTypesApi();
    api.MapDeliveriesApi();
    api.MapCircuitBreakersApi();
    api.MapMonitoringApi();
    api.MapClientErrorsApi();
    api.MapApiKeysApi();
    api.MapPortalAccessApi();
    api.MapInboundApi();
    api.MapInboundSourcesApi();
    api.MapInboundMessagesApi();
    api.MapInboundDeadLettersApi();
    api.MapInboundStatsApi();
    api.MapHealthApi();
    app.MapPrometheusMetrics();
    app.MapGatewayHealthChecks();
    api.MapDocsApi();
    await app.RunAsync();
}
catch (Exception ex) when (StartupFailure.IsBadSetting(ex))
{
    // One line and exit code 2: a misconfiguration, not a crash. Settings are checked before the host
    // runs, so the host has logged nothing about it and Orleans has bound no port.
    Environment.ExitCode = StartupFailure.Report("Gateway", ex);
}

/// <summary>The gateway's entry point, visible to the test host.</summary>
public partial class Program;
