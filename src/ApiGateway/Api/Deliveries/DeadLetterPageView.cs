namespace Akademia.Webhooks.ApiGateway.Api.Deliveries;

/// <summary>A page of dead-letter entries.</summary>
public sealed record DeadLetterPageView(DeadLetterView[] Items, string? NextCursor);
