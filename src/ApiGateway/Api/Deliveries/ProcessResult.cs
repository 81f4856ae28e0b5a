namespace Akademia.Webhooks.ApiGateway.Api.Deliveries;

/// <summary>The answer to <c>POST /api/admin/webhooks/process</c>.</summary>
public sealed record ProcessResult(int Processed);
