namespace Akademia.Webhooks.Grains.ClientErrors;

/// <summary>
/// The state of the log before reports were stored one per slot: every report in one record. Read
/// only to move its reports into slots once.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.ClientErrorLogState")]
public sealed record ClientErrorLogState
{
    /// <summary>Newest first, at most the configured capacity.</summary>
    [Id(0)] public ClientError[] Entries { get; init; } = [];
}
