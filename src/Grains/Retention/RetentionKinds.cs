namespace Akademia.Webhooks.Grains.Retention;

/// <summary>Which grain a <see cref="RetentionFiling"/> names: each kind is one grain type implementing <see cref="IRetainedInternalGrain"/>.</summary>
public static class RetentionKinds
{
    /// <summary>The grain type of <paramref name="kind"/>, as its <c>[GrainType]</c> names it.</summary>
    public static string GrainTypeOf(RetentionKind kind) => kind switch
    {
        RetentionKind.Event => "event",
        RetentionKind.DeadLetter => "dead-letter",
        RetentionKind.InboundMessage => "inbound-message",
        RetentionKind.InboundDeadLetter => "inbound-dead-letter",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a retention kind"),
    };

    /// <summary>The grain a filing names.</summary>
    public static GrainId GrainOf(RetentionFiling filing) => GrainId.Create(GrainTypeOf(filing.Kind), filing.Id);
}
