namespace Akademia.Webhooks.ApiGateway.Api.Inbound;

/// <summary>The answer to a source delete.</summary>
public sealed record DeletedSource(string Id, bool Deleted);
