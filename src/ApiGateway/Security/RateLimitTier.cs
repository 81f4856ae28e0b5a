namespace Akademia.Webhooks.ApiGateway.Security;

/// <summary>A tier's limit per window; unset members keep the defaults.</summary>
public sealed class RateLimitTier
{
    public int? Limit { get; set; }

    public TimeSpan? Window { get; set; }
}
