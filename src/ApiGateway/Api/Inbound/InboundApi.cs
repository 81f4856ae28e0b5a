using System.Globalization;
using Akademia.Webhooks.ApiGateway.Infrastructure;

namespace Akademia.Webhooks.ApiGateway.Api.Inbound;

/// <summary>
/// Inbound webhooks as third parties post them. The route is public: they have no API key, and are
/// authenticated by their signature, which the silo verifies over the raw body.
/// </summary>
internal static class InboundApi
{
    public static RouteGroupBuilder MapInboundApi(this IEndpointRouteBuilder app)
    {
        var inbound = app.MapGroup("/api/inbound").WithTags("Inbound").AllowAnonymous();
        inbound.MapPost("/{sourceId}", ReceiveInboundWebhook);
        return inbound;
    }

    public static async Task<Results<Accepted<ApiSuccess<InboundReceiptView>>, Ok<ApiSuccess<InboundReceiptView>>, JsonHttpResult<ApiError>>> ReceiveInboundWebhook(
        string sourceId, IGrainFactory grains, HttpContext context)
    {
        // The exact bytes: signatures are over them, and they are stored as received. The body limit
        // of the gateway applies while reading.
        using var buffer = new MemoryStream((int)Math.Min(context.Request.ContentLength ?? 4096, 1024 * 1024));
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers)
        {
            headers[name] = values.ToString();
        }

        var receipt = await grains.GetGrain<IInboundReceiverGrain>(0).ReceiveAsync(new InboundRequest
        {
            SourceId = sourceId,
            Body = buffer.ToArray(),
            Headers = headers,
        });

        switch (receipt.Outcome)
        {
            case InboundOutcome.Accepted:
                return Envelope.Accepted(context, new InboundReceiptView(receipt.MessageId!, "accepted"));
            case InboundOutcome.Duplicate:
                return Envelope.Ok(context, new InboundReceiptView(receipt.MessageId!, "duplicate"));
            case InboundOutcome.UnknownSource:
                return Envelope.NotFound(context, receipt.Error ?? $"Inbound source '{sourceId}' not found.");
        }

        var status = receipt.ErrorCode switch
        {
            ErrorCodes.InvalidSignature => StatusCodes.Status401Unauthorized,
            ErrorCodes.RateLimitExceeded => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status400BadRequest,
        };
        if (receipt.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        return Envelope.Error(context, status, receipt.ErrorCode ?? ErrorCodes.BadRequest, receipt.Error ?? "The webhook was rejected.");
    }
}
