using System.Text.Json.Serialization;

namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One processing attempt of an inbound message; <see cref="Attempt.Number"/> counts since the
/// message was accepted or last replayed, and <see cref="Attempt.ErrorCode"/> is one of <see cref="InboundErrorCodes"/>.
/// </summary>
[GenerateSerializer, Alias("akademia.InboundAttempt")]
public sealed record InboundAttempt : Attempt
{
    /// <summary>Whether the failure allows another attempt.</summary>
    [Id(5), JsonPropertyOrder(6)] public bool Retryable { get; init; }

    /// <inheritdoc />
    [JsonPropertyOrder(10)] public override bool Succeeded => ErrorCode is null;
}
