using System.Text.Json;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api.ClientErrors;

internal static class ClientErrorsApi
{
    /// <summary>Maps the routes; the answer is the public <c>/api/client-errors</c> group, the admin listing is admin only.</summary>
    public static RouteGroupBuilder MapClientErrorsApi(this IEndpointRouteBuilder app)
    {
        // Browsers report without a key; the strict rate-limit tier and the bounded fields keep
        // an open door from becoming a cheap way to fill storage.
        var clientErrors = app.MapGroup("/api/client-errors").WithTags("Client errors").AllowAnonymous();
        clientErrors.MapPost("/", ReportClientError);

        var admin = app.MapGroup("/api/admin/client-errors").WithTags("Admin").RequireAuthorization(Policies.ClusterAdmin);
        admin.MapGet("/", ListClientErrors);
        return clientErrors;
    }

    /// <summary>Report a client-side error (no API key needed); it is kept among the most recent ones and counted as CLIENT_ERROR.</summary>
    public static async Task<Created<ApiSuccess<ClientErrorReceipt>>> ReportClientError(ClientErrorRequest body, IGrainFactory grains, HttpContext context)
    {
        var error = await grains.GetGrain<IClientErrorLogGrain>(IClientErrorLogGrain.Key).RecordAsync(new ClientErrorReport
        {
            Message = body.Message,
            Stack = body.Stack,
            Url = body.Url,
            UserAgent = body.UserAgent,
            Timestamp = body.Timestamp,
            Context = body.Context is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } element ? element.GetRawText() : null,
        });
        return Envelope.Created(context, "/api/admin/client-errors", new ClientErrorReceipt(error.Id, error.ReceivedAt));
    }

    /// <summary>The most recent client errors, newest first; limit ≤ 100 (default 20).</summary>
    public static async Task<Ok<ApiSuccess<ClientErrorView[]>>> ListClientErrors(IGrainFactory grains, HttpContext context, string? limit)
    {
        var errors = await grains.GetGrain<IClientErrorLogGrain>(IClientErrorLogGrain.Key).ListAsync(QueryLimit.Parse(limit));
        return Envelope.Ok(context, errors.Select(ClientErrorView.Of).ToArray());
    }
}
