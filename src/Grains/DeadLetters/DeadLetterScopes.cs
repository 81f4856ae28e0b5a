using System.Globalization;
using Akademia.Webhooks.Grains.Inbound;

namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>
/// The scopes each dead-letter index keeps, and which one answers a query: the narrowest that holds
/// every entry the query can match (endpoint, then application, then the whole queue; inbound: source,
/// then the whole queue).
/// </summary>
public static class DeadLetterScopes
{
    public const string All = "out/all";

    public const string InboundAll = "in/all";

    public static string OfApplication(string applicationId) => "out/app/" + applicationId;

    public static string OfEndpoint(string endpointId) => "out/ep/" + endpointId;

    public static string OfSource(string sourceId) => "in/src/" + sourceId;

    public static string[] Of(DeadLetterSummary summary) => [All, OfApplication(summary.ApplicationId), OfEndpoint(summary.EndpointId)];

    public static string[] Of(InboundDeadLetterSummary summary) => [InboundAll, OfSource(summary.SourceId)];

    public static string For(DeadLetterQuery query) =>
        query.EndpointId is not null ? OfEndpoint(query.EndpointId)
        : query.ApplicationId is not null ? OfApplication(query.ApplicationId)
        : All;

    public static string For(InboundDeadLetterQuery query) => query.SourceId is not null ? OfSource(query.SourceId) : InboundAll;

    public static string PageKey(string scope, int day, int number) => string.Create(CultureInfo.InvariantCulture, $"{scope}/{day}/{number}");
}
