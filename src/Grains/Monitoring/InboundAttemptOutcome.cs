namespace Akademia.Webhooks.Grains.Monitoring;

/// <summary>How a processing attempt ended, for the counts.</summary>
public enum InboundAttemptOutcome
{
    Processed,
    Retrying,
    Failed,
}
