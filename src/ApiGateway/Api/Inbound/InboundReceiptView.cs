using System.Text.Json.Serialization;

namespace Akademia.Webhooks.ApiGateway.Api.Inbound;

/// <summary>The answer to an inbound webhook: <c>accepted</c> (202) or <c>duplicate</c> (200).</summary>
public sealed record InboundReceiptView([property: JsonPropertyName("webhookId")] string MessageId, string Status);
