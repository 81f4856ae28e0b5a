namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>Where an inbound message stands.</summary>
public enum InboundMessageStatus
{
    /// <summary>Stored; not yet processed.</summary>
    Received = 0,

    /// <summary>A processing attempt is under way.</summary>
    Processing = 1,

    /// <summary>An attempt failed; another is scheduled (<see cref="InboundMessage.NextAttemptAt"/>).</summary>
    Retrying = 2,

    /// <summary>Published as a platform event.</summary>
    Processed = 3,

    /// <summary>Every attempt failed, or the failure was permanent; the message is in the inbound dead-letter queue.</summary>
    Failed = 4,
}
