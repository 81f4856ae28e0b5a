using System.Globalization;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.ApiGateway.Security;

namespace Akademia.Webhooks.ApiGateway.Api;

/// <summary>
/// Inbound webhooks. <c>POST /api/inbound/{sourceId}</c> is public: third parties have no API key,
/// they are authenticated by their signature, which the silo verifies over the raw body. Everything
/// else is admin.
/// </summary>
internal static class InboundApi
{
    public static IEndpointRouteBuilder MapInboundApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/inbound").WithTags("Inbound").MapPost("/{sourceId}", ReceiveInboundWebhook).AllowAnonymous();

        var sources = routes.MapGroup("/api/admin/sources").WithTags("Inbound").RequireAuthorization(Policies.Admin);
        sources.MapPost("/", CreateSource);
        sources.MapGet("/", ListSources);
        sources.MapGet("/{id}", GetSource);
        sources.MapPut("/{id}", UpdateSource);
        sources.MapDelete("/{id}", DeleteSource);

        var admin = routes.MapGroup("/api/admin/inbound").WithTags("Inbound").RequireAuthorization(Policies.Admin);
        admin.MapGet("/messages", ListInboundMessages);
        admin.MapGet("/messages/{id}", GetInboundMessage);
        admin.MapGet("/dead-letter", ListInboundDeadLetters);
        admin.MapPost("/dead-letter/replay", ReplayInboundDeadLetters);
        admin.MapGet("/dead-letter/{id}", GetInboundDeadLetter);
        admin.MapPost("/dead-letter/{id}/replay", ReplayInboundDeadLetter);
        admin.MapGet("/stats", GetInboundStats);
        return routes;
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

    public static async Task<Created<ApiSuccess<InboundSource>>> CreateSource(CreateSourceRequest body, IGrainFactory grains, HttpContext context)
    {
        if (!InboundSourceIds.IsValid(body.Id))
        {
            // The id is the grain's key: it must be valid before any grain is addressed.
            throw new ValidationFailedException(new() { ["id"] = string.IsNullOrEmpty(body.Id) ? "is required" : InboundSourceIds.Rule });
        }

        var source = await grains.GetGrain<IInboundSourceGrain>(body.Id).CreateAsync(new InboundSourceDefinition
        {
            Provider = body.Provider ?? string.Empty,
            Secret = body.Secret ?? string.Empty,
            PreviousSecrets = body.PreviousSecrets,
            RateLimitPerMinute = body.RateLimitPerMinute,
            MaxAttempts = body.MaxAttempts,
            EventTypePrefix = body.EventTypePrefix,
            SignatureHeader = body.SignatureHeader,
        });
        return Envelope.Created(context, $"/api/admin/sources/{source.Id}", source);
    }

    public static async Task<Ok<ApiSuccess<InboundSource[]>>> ListSources(IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IInboundSourceDirectoryGrain>(IInboundSourceDirectoryGrain.Key).ListAsync());

    public static async Task<Results<Ok<ApiSuccess<InboundSource>>, JsonHttpResult<ApiError>>> GetSource(string id, IGrainFactory grains, HttpContext context) =>
        InboundSourceIds.IsValid(id) && await grains.GetGrain<IInboundSourceGrain>(id).GetAsync() is { } source
            ? Envelope.Ok(context, source)
            : Envelope.NotFound(context, $"Inbound source '{id}' not found.");

    public static async Task<Results<Ok<ApiSuccess<InboundSource>>, JsonHttpResult<ApiError>>> UpdateSource(string id, UpdateSourceRequest body, IGrainFactory grains, HttpContext context)
    {
        if (!InboundSourceIds.IsValid(id) || await grains.GetGrain<IInboundSourceGrain>(id).GetAsync() is not { } current)
        {
            return Envelope.NotFound(context, $"Inbound source '{id}' not found.");
        }

        if (body.Provider is not null && body.Provider != current.Provider)
        {
            throw new ValidationFailedException(new() { ["provider"] = "cannot be changed; create another source" });
        }

        return Envelope.Ok(context, await grains.GetGrain<IInboundSourceGrain>(id).UpdateAsync(new InboundSourcePatch
        {
            Secret = body.Secret,
            PreviousSecrets = body.PreviousSecrets,
            RateLimitPerMinute = body.RateLimitPerMinute,
            MaxAttempts = body.MaxAttempts,
            EventTypePrefix = body.EventTypePrefix,
            SignatureHeader = body.SignatureHeader,
        }));
    }

    public static async Task<Results<Ok<ApiSuccess<DeletedSource>>, JsonHttpResult<ApiError>>> DeleteSource(string id, IGrainFactory grains, HttpContext context)
    {
        if (!InboundSourceIds.IsValid(id))
        {
            return Envelope.NotFound(context, $"Inbound source '{id}' not found.");
        }

        await grains.GetGrain<IInboundSourceGrain>(id).DeleteAsync();
        return Envelope.Ok(context, new DeletedSource(id, Deleted: true));
    }

    public static async Task<Ok<ApiSuccess<InboundMessagePage>>> ListInboundMessages(
        IGrainFactory grains, HttpContext context, string? sourceId, string? status, DateTimeOffset? from, DateTimeOffset? to, string? limit, string? cursor) =>
        Envelope.Ok(context, await grains.GetGrain<IInboundAdminGrain>(0).ListMessagesAsync(new InboundMessageQuery
        {
            SourceId = sourceId,
            Status = ParseStatus(status),
            From = from,
            To = to,
            Limit = ParseLimit(limit),
            Cursor = cursor,
        }));

    public static async Task<Results<Ok<ApiSuccess<InboundMessage>>, JsonHttpResult<ApiError>>> GetInboundMessage(string id, IGrainFactory grains, HttpContext context) =>
        await grains.GetGrain<IInboundMessageGrain>(id).GetAsync() is { } message
            ? Envelope.Ok(context, message)
            : Envelope.NotFound(context, $"Inbound message '{id}' not found.");

    public static async Task<Ok<ApiSuccess<InboundDeadLetterPage>>> ListInboundDeadLetters(
        IGrainFactory grains, HttpContext context, string? provider, string? sourceId, string? errorType, DateTimeOffset? from, DateTimeOffset? to,
        bool? includeReplayed, string? limit, string? cursor) =>
        Envelope.Ok(context, await grains.GetGrain<IInboundDeadLetterQueueGrain>(IInboundDeadLetterQueueGrain.Key).ListAsync(new InboundDeadLetterQuery
        {
            Provider = provider,
            SourceId = sourceId,
            ErrorType = errorType,
            From = from,
            To = to,
            IncludeReplayed = includeReplayed ?? false,
            Limit = ParseLimit(limit),
            Cursor = cursor,
        }));

    public static async Task<Results<Ok<ApiSuccess<InboundDeadLetter>>, JsonHttpResult<ApiError>>> GetInboundDeadLetter(string id, IGrainFactory grains, HttpContext context) =>
        await grains.GetGrain<IInboundDeadLetterGrain>(id).GetAsync() is { } entry
            ? Envelope.Ok(context, entry)
            : Envelope.NotFound(context, $"Inbound dead-letter entry '{id}' not found.");

    public static async Task<Ok<ApiSuccess<InboundReplayResult>>> ReplayInboundDeadLetter(string id, IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IInboundDeadLetterGrain>(id).ReplayAsync());

    public static async Task<Ok<ApiSuccess<InboundBatchReplayResult>>> ReplayInboundDeadLetters(
        IGrainFactory grains, HttpContext context, string? provider, DateTimeOffset? from, DateTimeOffset? to, string? errorType, string? limit) =>
        Envelope.Ok(context, await grains.GetGrain<IInboundDeadLetterQueueGrain>(IInboundDeadLetterQueueGrain.Key).ReplayAsync(new InboundDeadLetterQuery
        {
            Provider = provider,
            From = from,
            To = to,
            ErrorType = errorType,
            Limit = ParseLimit(limit),
        }));

    public static async Task<Ok<ApiSuccess<InboundStats>>> GetInboundStats(IGrainFactory grains, HttpContext context) =>
        Envelope.Ok(context, await grains.GetGrain<IInboundAdminGrain>(0).GetStatsAsync());

    // Parsed here rather than bound, so that a bad value is reported against its field like an
    // out-of-range one, instead of as an unreadable request.
    private static int ParseLimit(string? limit) =>
        string.IsNullOrEmpty(limit) ? 20
        : int.TryParse(limit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ValidationFailedException(new() { ["limit"] = "must be an integer between 1 and 100" });

    private static InboundMessageStatus? ParseStatus(string? status) =>
        string.IsNullOrEmpty(status) ? null
        : Enum.GetNames<InboundMessageStatus>().Contains(status, StringComparer.OrdinalIgnoreCase) ? Enum.Parse<InboundMessageStatus>(status, ignoreCase: true)
        : throw new ValidationFailedException(new() { ["status"] = "must be one of received, processing, retrying, processed, failed" });
}
