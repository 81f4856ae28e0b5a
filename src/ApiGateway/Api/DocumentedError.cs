namespace Akademia.Webhooks.ApiGateway.Api;

/// <summary>
/// Marks an operation that can answer an error the routes' shape does not reveal, such as 409
/// <c>CONFLICT</c>; the docs list it with the error envelope.
/// </summary>
internal sealed record DocumentedError(int Status, string Code, string When);
