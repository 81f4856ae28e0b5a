namespace Akademia.Webhooks.Grains.Breakers;

/// <summary>What the breaker says about one attempt.</summary>
public enum BreakerVerdict
{
    /// <summary>Closed: go ahead.</summary>
    Allow,

    /// <summary>Half-open: go ahead as the single probe; report its outcome.</summary>
    Probe,

    /// <summary>Open, or half-open with the probe already out: fail without a network call.</summary>
    Reject,
}
