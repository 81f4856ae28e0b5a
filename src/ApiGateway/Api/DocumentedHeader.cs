namespace Akademia.Webhooks.ApiGateway.Api;

/// <summary>An optional request header a route reads itself (it is not bound, so OpenAPI would not see it).</summary>
internal sealed record DocumentedHeader(string Name, string Description, int MaxLength);
