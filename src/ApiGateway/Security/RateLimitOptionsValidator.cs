using System.Net;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.ApiGateway.Security;

/// <summary>Checks <see cref="RateLimitOptions"/> at start-up, so a bad limit stops the gateway instead of limiting nothing.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        foreach (var (tier, configured) in options.Tiers)
        {
            if (configured.Limit is < 1)
            {
                failures.Add($"RateLimiting:Tiers:{tier}:Limit must be at least 1");
            }

            if (configured.Window is { } window && (window <= TimeSpan.Zero || window > TimeSpan.FromDays(1)))
            {
                failures.Add($"RateLimiting:Tiers:{tier}:Window must be more than 0 and at most 1 day");
            }
        }

        var known = options.TierNames.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (section, routes) in new[] { ("Routes", options.Routes), ("KeyRoutes", options.KeyRoutes) })
        {
            foreach (var (prefix, tier) in routes ?? new Dictionary<string, string>())
            {
                if (!known.Contains(tier))
                {
                    failures.Add($"RateLimiting:{section}:{prefix} names an unknown tier '{tier}'");
                }
            }
        }

        if (options.Shards is < 1 or > 1024)
        {
            failures.Add("RateLimiting:Shards must be between 1 and 1024");
        }

        if (options.CountersPerShard is < 1 or > 1_000_000)
        {
            failures.Add("RateLimiting:CountersPerShard must be between 1 and 1000000");
        }

        if (options.TrustedProxies?.All(p => IPNetwork.TryParse(p.Contains('/', StringComparison.Ordinal) ? p : p + (p.Contains(':', StringComparison.Ordinal) ? "/128" : "/32"), out _)) == false)
        {
            failures.Add("RateLimiting:TrustedProxies must be IP addresses or CIDR networks");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
