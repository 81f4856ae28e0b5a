namespace Akademia.Webhooks.ApiGateway.Api.Endpoints;

/// <summary>The answer to a delete.</summary>
public sealed record DeletedWebhook(string Id, bool Deleted);
