namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>What a dead-letter index keeps per entry to order, page and count it: the outbound and the inbound queue alike.</summary>
public interface IDeadLetterSummary
{
    string Id { get; }

    DateTimeOffset FailedAt { get; }

    /// <summary>Left out of listings unless asked for (outbound: deleted; inbound: replayed); the scope's head counts them apart.</summary>
    bool Hidden { get; }
}
