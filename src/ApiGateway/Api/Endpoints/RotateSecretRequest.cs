namespace Akademia.Webhooks.ApiGateway.Api.Endpoints;

/// <summary>Body of <c>POST /api/webhooks/{id}/rotate-secret</c>, optional.</summary>
/// <param name="SignWith">Which live secret signs <c>X-Webhook-Signature</c> during the window: <c>new</c> (the default) or <c>previous</c>; absent keeps the endpoint's setting.</param>
public sealed record RotateSecretRequest(string? SignWith);
