using System.Globalization;
using System.Text.Json;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api;

internal static class ClientErrorsApi
{
    private const int DefaultListLimit = 20;

    public static IEndpointRouteBuilder MapClientErrorsApi(this IEndpointRouteBuilder routes)
    {
        // Browsers report without a key; the strict rate-limit tier and the bounded fields keep
        // an open door from becoming a cheap way to fill storage.
        routes.MapGroup("/api/client-errors").WithTags("Client errors").MapPost("/", ReportClientError).AllowAnonymous();
        routes.MapGroup("/api/admin/client-errors").WithTags("Admin").MapGet("/", ListClientErrors).RequireAuthorization(Policies.Admin);
        return routes;
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
    // The limit is parsed here rather than bound as int?, so that a non-numeric value is reported
    // against "limit" like an out-of-range one.
    public static async Task<Ok<ApiSuccess<ClientErrorView[]>>> ListClientErrors(IGrainFactory grains, HttpContext context, string? limit)
    {
        var count = DefaultListLimit;
        if (!string.IsNullOrEmpty(limit) && !int.TryParse(limit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count))
        {
            throw new ValidationFailedException(new() { ["limit"] = "must be an integer between 1 and 100" });
        }

        var errors = await grains.GetGrain<IClientErrorLogGrain>(IClientErrorLogGrain.Key).ListAsync(count);
        return Envelope.Ok(context, errors.Select(ClientErrorView.Of).ToArray());
    }
}
