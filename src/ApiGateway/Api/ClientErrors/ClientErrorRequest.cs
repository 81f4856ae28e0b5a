using System.Text.Json;

namespace Akademia.Webhooks.ApiGateway.Api.ClientErrors;

/// <summary>Body of <c>POST /api/client-errors</c>.</summary>
/// <param name="Message">What went wrong: required, at most 2 KB.</param>
/// <param name="Stack">The stack trace: at most 16 KB.</param>
/// <param name="Url">The page: an absolute http(s) URL of at most 2,048 characters.</param>
/// <param name="UserAgent">The client's user agent: at most 512 characters.</param>
/// <param name="Timestamp">When it happened by the client's clock: ISO-8601 with a zone.</param>
/// <param name="Context">Anything else, as a JSON object of at most 8 KB.</param>
public sealed record ClientErrorRequest(string? Message, string? Stack, string? Url, string? UserAgent, string? Timestamp, JsonElement? Context);
