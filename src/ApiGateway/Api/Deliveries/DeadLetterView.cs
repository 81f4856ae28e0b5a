using System.Text.Json;
using System.Text.Json.Serialization;

namespace Akademia.Webhooks.ApiGateway.Api.Deliveries;

/// <summary>A dead-letter entry as the API shows it: the payload as JSON, not as text.</summary>
public sealed record DeadLetterView(
    string Id,
    string EventId,
    [property: JsonPropertyName("webhookConfigId")] string EndpointId,
    string EventType,
    string Url,
    JsonElement Payload,
    int? Status,
    int Attempts,
    string? ErrorMessage,
    string? ErrorCode,
    DateTimeOffset FailedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt,
    DateTimeOffset? ReplayedAt,
    string? ReplayDeliveryId,
    DeliveryAttempt[] AttemptHistory,
    string ApplicationId,
    DateTimeOffset? PayloadErasedAt)
{
    private static readonly JsonElement Erased = JsonDocument.Parse("null").RootElement.Clone();

    public static DeadLetterView Of(DeadLetterEntry e) => new(
        e.Id, e.EventId, e.EndpointId, e.EventType, e.Url, e.PayloadErasedAt is null ? JsonDocument.Parse(e.Payload).RootElement.Clone() : Erased, e.Status, e.Attempts,
        e.ErrorMessage, e.ErrorCode, e.FailedAt, e.CreatedAt, e.UpdatedAt, e.DeletedAt, e.ReplayedAt, e.ReplayDeliveryId, e.AttemptHistory, ApplicationIds.Of(e.ApplicationId), e.PayloadErasedAt);
}
