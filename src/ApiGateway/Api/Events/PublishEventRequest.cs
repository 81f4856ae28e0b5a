using System.Text.Json;

namespace Akademia.Webhooks.ApiGateway.Api.Events;

/// <summary>Body of <c>POST /api/events</c>.</summary>
public sealed record PublishEventRequest(string? Id, string? Type, JsonElement? Data);
