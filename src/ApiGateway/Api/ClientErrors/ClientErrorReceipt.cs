namespace Akademia.Webhooks.ApiGateway.Api.ClientErrors;

/// <summary>The answer to a report: the id it is stored under.</summary>
public sealed record ClientErrorReceipt(string Id, DateTimeOffset ReceivedAt);
