using Akademia.Webhooks.ApiGateway.Api;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.Hosting;

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

/// <summary>The gateway's entry point, visible to the test host.</summary>
public partial class Program;
