namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// The outcome of sending a <c>webhook.test</c> event to an endpoint.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.WebhookTestResult")]
public sealed record EndpointTestResult
{
    /// <summary>Whether an attempt got a 2xx answer.</summary>
    [Id(0)] public bool Success { get; init; }

    /// <summary>The last HTTP status received.</summary>
    [Id(1)] public int? Status { get; init; }

    /// <summary>The start of the last response body.</summary>
    [Id(2)] public string? Response { get; init; }

    /// <summary>Attempts made (at most 4).</summary>
    [Id(3)] public int Attempts { get; init; }

    /// <summary>Why the test failed.</summary>
    [Id(4)] public string? Error { get; init; }

    /// <summary>The failure's code, such as <c>CIRCUIT_BREAKER_OPEN</c> or <c>TIMEOUT</c>.</summary>
    [Id(5)] public string? Code { get; init; }

    /// <summary>Every attempt.</summary>
    [Id(6)] public DeliveryAttempt[] AttemptHistory { get; init; } = [];
}
