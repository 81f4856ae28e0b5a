namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One HTTP attempt of a delivery.
/// </summary>
[GenerateSerializer, Alias("akademia.DeliveryAttempt")]
public sealed record DeliveryAttempt
{
    /// <summary>1-based attempt number.</summary>
    [Id(0)] public int Number { get; init; }

    /// <summary>When the attempt started.</summary>
    [Id(1)] public DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall time of the attempt in milliseconds.</summary>
    [Id(2)] public double DurationMs { get; init; }

    /// <summary>The HTTP status received, if any.</summary>
    [Id(3)] public int? StatusCode { get; init; }

    /// <summary>
    /// Why the attempt failed without (or despite) a status: <c>TIMEOUT</c>, <c>NETWORK_ERROR</c>, <c>HTTP_ERROR</c>, …
    /// </summary>
    [Id(4)] public string? ErrorCode { get; init; }

    /// <summary>Human-readable failure text.</summary>
    [Id(5)] public string? ErrorMessage { get; init; }

    /// <summary>The first kilobyte of the response body.</summary>
    [Id(6)] public string? ResponseBody { get; init; }

    /// <summary>The URL the attempt was sent to.</summary>
    [Id(7)] public string? Url { get; init; }

    /// <summary>The wait the receiver asked for with <c>Retry-After</c> on a 429 or 503, in seconds.</summary>
    [Id(8)] public double? RetryAfterSeconds { get; init; }

    /// <summary>Whether the attempt counts as a success.</summary>
    public bool Succeeded => ErrorCode is null && StatusCode is >= 200 and < 300;
}
