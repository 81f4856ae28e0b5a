namespace Akademia.Webhooks.ApiGateway.Api.Applications;

/// <summary>Body of <c>POST /api/apps</c>; without an id the platform chooses <c>app_…</c>.</summary>
public sealed record CreateApplicationRequest(
    string? Id,
    string? Name,
    Dictionary<string, string>? Metadata = null,
    ApplicationRateLimit? RateLimit = null,
    TimeSpan? Retention = null);
