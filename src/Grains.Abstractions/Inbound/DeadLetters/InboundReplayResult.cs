using System.Text.Json.Serialization;

namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>The outcome of replaying one inbound dead-letter entry.</summary>
/// <param name="MessageId">The message id.</param>
/// <param name="Status"><c>replaying</c> (queued for processing again) or <c>replay_failed</c>.</param>
/// <param name="Message">What happened.</param>
/// <param name="Error">The error code when the replay failed.</param>
[GenerateSerializer, Immutable, Alias("akademia.InboundReplayResult")]
public sealed record InboundReplayResult(
    [property: Id(0), JsonPropertyName("webhookId")] string MessageId,
    [property: Id(1)] string Status,
    [property: Id(2)] string Message,
    [property: Id(3)] string? Error = null)
{
    /// <summary>The status of a replay that queued the message for processing.</summary>
    public const string Replaying = "replaying";

    /// <summary>The status of a replay that did not happen.</summary>
    public const string ReplayFailed = "replay_failed";
}
