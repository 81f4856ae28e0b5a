using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Akademia.Webhooks.ApiGateway.Security;

/// <summary>
/// The rate-limit tiers. Section <c>RateLimiting</c>. Counters are keyed by tier, client and route
/// template, and counted cluster-wide in a fixed number of shard grains, so every gateway shares one
/// budget and the number of counters is bounded.
/// </summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string Section = "RateLimiting";

    /// <summary>The tier of <c>POST /api/events</c> for callers that present an API key.</summary>
    public const string PublishTier = "publish";

    /// <summary>The tier name that maps a prefix to no limit (health probes, third-party inbound webhooks).</summary>
    public const string Unlimited = "none";

    public bool Enabled { get; set; } = true;

    /// <summary>Overrides per tier name: <c>standard</c>, <c>strict</c>, <c>loose</c>, <c>publish</c>, or a new name.</summary>
    public Dictionary<string, RateLimitTier> Tiers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Path prefix to tier; unset means <see cref="DefaultRoutes"/>. Longest prefix wins. A prefix is
    /// matched against the route's template when the request matched a route (so
    /// <c>/api/apps/{appId}/events</c> is a prefix too), else against the path.
    /// </summary>
    public Dictionary<string, string>? Routes { get; set; }

    /// <summary>
    /// Path prefix to tier for callers that present an API key, consulted before <see cref="Routes"/>;
    /// unset means <see cref="DefaultKeyRoutes"/> (publishing on its own tier).
    /// </summary>
    public Dictionary<string, string>? KeyRoutes { get; set; }

    /// <summary>
    /// Proxies (IPs or CIDR networks) whose <c>X-Forwarded-For</c>, <c>CF-Connecting-IP</c> or
    /// <c>X-Real-IP</c> is believed. From anyone else those headers are ignored.
    /// </summary>
    public string[]? TrustedProxies { get; set; }

    /// <summary>Shard grains the counters are spread over (fixed: changing it moves every counter).</summary>
    [Range(1, 1024)]
    public int Shards { get; set; } = 16;

    /// <summary>Counters each shard keeps; past it the least recently used one is dropped into the shard's sketch.</summary>
    [Range(1, 1_000_000)]
    public int CountersPerShard { get; set; } = 4096;

    public static readonly IReadOnlyDictionary<string, (int Limit, TimeSpan Window)> DefaultTiers = new Dictionary<string, (int, TimeSpan)>(StringComparer.OrdinalIgnoreCase)
    {
        ["standard"] = (100, TimeSpan.FromMinutes(15)),
        ["strict"] = (50, TimeSpan.FromMinutes(5)),
        ["loose"] = (1000, TimeSpan.FromHours(1)),
        // A production publisher, not a browser: 10,000 events a minute per key.
        [PublishTier] = (10_000, TimeSpan.FromMinutes(1)),
    };

    public static readonly IReadOnlyDictionary<string, string> DefaultRoutes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        // Any /api prefix no other entry names, such as a route added later: limited, not forgotten.
        ["/api"] = "standard",
        ["/api/health"] = Unlimited,
        ["/api/inbound"] = Unlimited,
        ["/api/apps"] = "standard",
        ["/api/webhooks"] = "standard",
        ["/api/events"] = "standard",
        ["/api/event-types"] = "standard",
        ["/api/deliveries"] = "standard",
        ["/api/admin"] = "strict",
        ["/api/client-errors"] = "strict",
        ["/api/auth"] = "strict",
    };

    public static readonly IReadOnlyDictionary<string, string> DefaultKeyRoutes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["/api/events"] = PublishTier,
        ["/api/apps/{appId}/events"] = PublishTier,
    };

    /// <summary>Every tier name that has limits: the defaults and the configured ones.</summary>
    public IEnumerable<string> TierNames => DefaultTiers.Keys.Union(Tiers.Keys, StringComparer.OrdinalIgnoreCase);

    public (int Limit, TimeSpan Window) TierLimits(string tier)
    {
        var defaults = DefaultTiers.TryGetValue(tier, out var d) ? d : DefaultTiers["standard"];
        var configured = Tiers.GetValueOrDefault(tier);
        return (configured?.Limit ?? defaults.Limit, configured?.Window ?? defaults.Window);
    }

    /// <summary>The tier of an anonymous request's path (or route template), or <c>null</c> when it is not limited.</summary>
    public string? TierFor(PathString path) => Limited(LongestPrefix(Routes ?? DefaultRoutes, path));

    /// <summary>The tier of a request that presents an API key.</summary>
    public string? KeyTierFor(PathString path) => LongestPrefix(KeyRoutes ?? DefaultKeyRoutes, path) is { } tier ? Limited(tier) : TierFor(path);

    private static string? Limited(string? tier) => string.Equals(tier, Unlimited, StringComparison.OrdinalIgnoreCase) ? null : tier;

    /// <summary>A bad limit stops the gateway at start-up instead of limiting nothing.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (tier, configured) in Tiers)
        {
            if (configured.Limit is < 1)
            {
                yield return new ValidationResult($"{Section}:Tiers:{tier}:Limit must be at least 1", [nameof(Tiers)]);
            }

            if (configured.Window is { } window && (window <= TimeSpan.Zero || window > TimeSpan.FromDays(1)))
            {
                yield return new ValidationResult($"{Section}:Tiers:{tier}:Window must be more than 0 and at most 1 day", [nameof(Tiers)]);
            }
        }

        var known = TierNames.Append(Unlimited).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (member, routes) in new[] { (nameof(Routes), Routes), (nameof(KeyRoutes), KeyRoutes) })
        {
            foreach (var (prefix, tier) in routes ?? [])
            {
                if (!known.Contains(tier))
                {
                    yield return new ValidationResult($"{Section}:{member}:{prefix} names an unknown tier '{tier}'", [member]);
                }
            }
        }

        if (TrustedProxies?.All(p => IPNetwork.TryParse(p.Contains('/', StringComparison.Ordinal) ? p : p + (p.Contains(':', StringComparison.Ordinal) ? "/128" : "/32"), out _)) == false)
        {
            yield return new ValidationResult($"{Section}:TrustedProxies must be IP addresses or CIDR networks", [nameof(TrustedProxies)]);
        }
    }

    private static string? LongestPrefix(IReadOnlyDictionary<string, string> routes, PathString path) =>
        routes
            .Where(r => path.StartsWithSegments(r.Key, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(r => r.Key.Length)
            .Select(r => r.Value)
            .FirstOrDefault();
}
