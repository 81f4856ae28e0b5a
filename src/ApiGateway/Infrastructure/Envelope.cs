namespace Akademia.Webhooks.ApiGateway.Infrastructure;

/// <summary>Builds enveloped results for the route handlers.</summary>
internal static class Envelope
{
    public static ApiSuccess<T> Wrap<T>(HttpContext context, T data) => new(data, RequestIds.Get(context));

    public static Ok<ApiSuccess<T>> Ok<T>(HttpContext context, T data) => TypedResults.Ok(Wrap(context, data));

    public static Ok<ApiListSuccess<T>> OkList<T>(HttpContext context, T[] items, string? nextCursor) =>
        TypedResults.Ok(new ApiListSuccess<T>(items, nextCursor, RequestIds.Get(context)));

    public static Created<ApiSuccess<T>> Created<T>(HttpContext context, string location, T data) => TypedResults.Created(location, Wrap(context, data));

    public static Accepted<ApiSuccess<T>> Accepted<T>(HttpContext context, T data) => TypedResults.Accepted((string?)null, Wrap(context, data));

    public static JsonHttpResult<ApiError> Error(HttpContext context, int status, string code, string message, IReadOnlyDictionary<string, string>? details = null) =>
        TypedResults.Json(new ApiError(message, code, RequestIds.Get(context), details), statusCode: status);

    public static JsonHttpResult<ApiError> NotFound(HttpContext context, string message) =>
        Error(context, StatusCodes.Status404NotFound, ErrorCodes.NotFound, message);
}
