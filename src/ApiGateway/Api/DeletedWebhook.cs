namespace Akademia.Webhooks.ApiGateway.Api;

/// <summary>The answer to a delete.</summary>
public sealed record DeletedWebhook(string Id, bool Deleted);
