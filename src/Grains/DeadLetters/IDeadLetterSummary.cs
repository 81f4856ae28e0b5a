namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>What a dead-letter index keeps per entry to order and page it: the outbound and the inbound queue alike.</summary>
public interface IDeadLetterSummary
{
    string Id { get; }

    DateTimeOffset FailedAt { get; }
}
