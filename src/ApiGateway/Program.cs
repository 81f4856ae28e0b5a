using Akademia.Webhooks.ApiGateway.Api;
using Akademia.Webhooks.ApiGateway.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddClusterClient();
builder.AddApiConventions();
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
api.MapHealthApi();
api.MapDocsApi();
await app.RunAsync();

/// <summary>The gateway's entry point, visible to the test host.</summary>
public partial class Program;
