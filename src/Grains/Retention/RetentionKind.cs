namespace Akademia.Webhooks.Grains.Retention;

/// <summary>What a retention filing names, so the sweeper knows which grain to ask to purge itself.</summary>
public enum RetentionKind
{
    /// <summary>An event grain key (<see cref="Events.EventKeys"/>); its deliveries go with it.</summary>
    Event = 0,

    /// <summary>An outbound dead-letter entry id.</summary>
    DeadLetter = 1,

    /// <summary>An inbound message id.</summary>
    InboundMessage = 2,

    /// <summary>An inbound dead-letter entry id.</summary>
    InboundDeadLetter = 3,
}
