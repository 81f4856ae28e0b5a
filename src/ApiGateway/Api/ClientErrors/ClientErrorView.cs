using System.Text.Json;

namespace Akademia.Webhooks.ApiGateway.Api.ClientErrors;

/// <summary>A client error as the API shows it: the context as JSON, not as text.</summary>
public sealed record ClientErrorView(
    string Id,
    string Message,
    string? Stack,
    string? Url,
    string? UserAgent,
    DateTimeOffset? Timestamp,
    JsonElement? Context,
    DateTimeOffset ReceivedAt)
{
    public static ClientErrorView Of(ClientError e) => new(
        e.Id, e.Message, e.Stack, e.Url, e.UserAgent, e.Timestamp,
        e.Context is { } context ? JsonDocument.Parse(context).RootElement.Clone() : null, e.ReceivedAt);
}
