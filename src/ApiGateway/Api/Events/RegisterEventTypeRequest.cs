namespace Akademia.Webhooks.ApiGateway.Api.Events;

/// <summary>Body of <c>POST /api/event-types</c>.</summary>
public sealed record RegisterEventTypeRequest(string? Name, string? Description);
