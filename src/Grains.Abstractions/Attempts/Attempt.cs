using System.Text.Json.Serialization;

namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// One attempt, in either direction: what a delivery's HTTP request and an inbound message's
/// processing both record. Each direction adds what only it knows.
/// </summary>
/// <remarks>
/// The API's JSON lists the fields in the order the two records had before they shared this base,
/// hence the explicit orders, with gaps for the fields a direction adds in between.
/// </remarks>
[GenerateSerializer, Alias("akademia.Attempt")]
public abstract record Attempt
{
    /// <summary>1-based attempt number.</summary>
    [Id(0), JsonPropertyOrder(0)] public int Number { get; init; }

    /// <summary>When the attempt started.</summary>
    [Id(1), JsonPropertyOrder(1)] public DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall time of the attempt in milliseconds.</summary>
    [Id(2), JsonPropertyOrder(2)] public double DurationMs { get; init; }

    /// <summary>Why the attempt failed, as a code of its direction; <c>null</c> when nothing went wrong on the platform's side.</summary>
    [Id(3), JsonPropertyOrder(4)] public string? ErrorCode { get; init; }

    /// <summary>Human-readable failure text.</summary>
    [Id(4), JsonPropertyOrder(5)] public string? ErrorMessage { get; init; }

    /// <summary>Whether the attempt counts as a success.</summary>
    [JsonPropertyOrder(10)] public abstract bool Succeeded { get; }
}
