using System.Text.Json.Serialization;

namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One HTTP attempt of a delivery. Its <see cref="Attempt.ErrorCode"/> is one of <c>TIMEOUT</c>,
/// <c>NETWORK_ERROR</c>, <c>CIRCUIT_BREAKER_OPEN</c>, …; an answer outside 2xx has none, only its status.
/// </summary>
[GenerateSerializer, Alias("akademia.DeliveryAttempt")]
public sealed record DeliveryAttempt : Attempt
{
    /// <summary>The HTTP status received, if any.</summary>
    [Id(3), JsonPropertyOrder(3)] public int? StatusCode { get; init; }

    /// <summary>The first kilobyte of the response body.</summary>
    [Id(6), JsonPropertyOrder(6)] public string? ResponseBody { get; init; }

    /// <summary>The URL the attempt was sent to.</summary>
    [Id(7), JsonPropertyOrder(7)] public string? Url { get; init; }

    /// <summary>The wait the receiver asked for with <c>Retry-After</c> on a 429 or 503, in seconds.</summary>
    [Id(8), JsonPropertyOrder(8)] public double? RetryAfterSeconds { get; init; }

    /// <inheritdoc />
    [JsonPropertyOrder(10)] public override bool Succeeded => ErrorCode is null && StatusCode is >= 200 and < 300;
}
