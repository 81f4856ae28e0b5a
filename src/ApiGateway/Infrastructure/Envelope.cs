using System.Text.Json.Serialization;

namespace Akademia.Webhooks.ApiGateway.Infrastructure;

/// <summary>The specification's success envelope.</summary>
public sealed record ApiSuccess<T>(T Data, string RequestId)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}

/// <summary>The specification's error envelope.</summary>
public sealed record ApiError(string Error, string Code, string RequestId, IReadOnlyDictionary<string, string>? Details = null)
{
    [JsonPropertyOrder(-1)]
    public bool Success => false;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Details { get; init; } = Details;
}

/// <summary>Builds enveloped results for the route handlers.</summary>
internal static class Envelope
{
    public static ApiSuccess<T> Wrap<T>(HttpContext context, T data) => new(data, RequestIds.Get(context));

    public static Ok<ApiSuccess<T>> Ok<T>(HttpContext context, T data) => TypedResults.Ok(Wrap(context, data));

    public static Created<ApiSuccess<T>> Created<T>(HttpContext context, string location, T data) => TypedResults.Created(location, Wrap(context, data));

    public static Accepted<ApiSuccess<T>> Accepted<T>(HttpContext context, T data) => TypedResults.Accepted((string?)null, Wrap(context, data));

    public static JsonHttpResult<ApiError> Error(HttpContext context, int status, string code, string message, IReadOnlyDictionary<string, string>? details = null) =>
        TypedResults.Json(new ApiError(message, code, RequestIds.Get(context), details), statusCode: status);

    public static JsonHttpResult<ApiError> NotFound(HttpContext context, string message) =>
        Error(context, StatusCodes.Status404NotFound, ErrorCodes.NotFound, message);
}
