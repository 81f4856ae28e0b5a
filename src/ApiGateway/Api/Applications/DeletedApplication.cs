namespace Akademia.Webhooks.ApiGateway.Api.Applications;

/// <summary>The answer to deleting an application.</summary>
public sealed record DeletedApplication(string Id, bool Deleted);
