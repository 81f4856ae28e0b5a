namespace Akademia.Webhooks.Grains.DeadLetters;

[GenerateSerializer, Immutable, Alias("akademia.DeadLetterSummary")]
public sealed record DeadLetterSummary : IDeadLetterSummary
{
    [Id(0)] public required string Id { get; init; }

    [Id(1), Newtonsoft.Json.JsonProperty("WebhookConfigId")] public required string EndpointId { get; init; }

    [Id(2)] public required string EventType { get; init; }

    [Id(3)] public DateTimeOffset FailedAt { get; init; }

    [Id(4)] public bool Deleted { get; init; }

    /// <summary>The entry's application; summaries stored before applications existed belong to default.</summary>
    [Id(5)] public string ApplicationId { get; init; } = ApplicationIds.Default;

    /// <summary>Replayed at least once: a batch replay leaves it alone unless asked (summaries stored before this flag read false).</summary>
    [Id(6)] public bool Replayed { get; init; }

    bool IDeadLetterSummary.Hidden => Deleted;

    public static DeadLetterSummary Of(DeadLetterEntry entry) => new()
    {
        Id = entry.Id,
        EndpointId = entry.EndpointId,
        EventType = entry.EventType,
        FailedAt = entry.FailedAt,
        Deleted = entry.DeletedAt is not null,
        ApplicationId = ApplicationIds.Of(entry.ApplicationId),
        Replayed = entry.ReplayCount > 0 || entry.ReplayedAt is not null,
    };
}
