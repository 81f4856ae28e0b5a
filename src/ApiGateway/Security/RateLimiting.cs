using System.Globalization;
using System.Net;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.ApiGateway.Security;

/// <summary>A tier's limit per window; unset members keep the specification's values.</summary>
public sealed class RateLimitTier
{
    public int? Limit { get; set; }

    public TimeSpan? Window { get; set; }
}

/// <summary>
/// The specification's rate-limit tiers. Section <c>RateLimiting</c>. Counting is cluster-wide, in
/// one grain per tier, client IP and path, so every gateway shares one budget.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Overrides per tier name: <c>standard</c>, <c>strict</c>, <c>loose</c>.</summary>
    public Dictionary<string, RateLimitTier> Tiers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Path prefix to tier; unset means <see cref="DefaultRoutes"/>. Longest prefix wins.</summary>
    public Dictionary<string, string>? Routes { get; set; }

    /// <summary>
    /// Proxies (IPs or CIDR networks) whose <c>X-Forwarded-For</c>, <c>CF-Connecting-IP</c> or
    /// <c>X-Real-IP</c> is believed. From anyone else those headers are ignored.
    /// </summary>
    public string[]? TrustedProxies { get; set; }

    public static readonly IReadOnlyDictionary<string, (int Limit, TimeSpan Window)> DefaultTiers = new Dictionary<string, (int, TimeSpan)>(StringComparer.OrdinalIgnoreCase)
    {
        ["standard"] = (100, TimeSpan.FromMinutes(15)),
        ["strict"] = (50, TimeSpan.FromMinutes(5)),
        ["loose"] = (1000, TimeSpan.FromHours(1)),
    };

    public static readonly IReadOnlyDictionary<string, string> DefaultRoutes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["/api/webhooks"] = "standard",
        ["/api/events"] = "standard",
        ["/api/event-types"] = "standard",
        ["/api/deliveries"] = "standard",
        ["/api/admin"] = "strict",
        ["/api/client-errors"] = "strict",
        ["/api/auth"] = "strict",
    };

    public (int Limit, TimeSpan Window) TierLimits(string tier)
    {
        var defaults = DefaultTiers.TryGetValue(tier, out var d) ? d : DefaultTiers["standard"];
        var configured = Tiers.GetValueOrDefault(tier);
        return (configured?.Limit ?? defaults.Limit, configured?.Window ?? defaults.Window);
    }

    public string? TierFor(PathString path) =>
        (Routes ?? DefaultRoutes)
            .Where(r => path.StartsWithSegments(r.Key, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(r => r.Key.Length)
            .Select(r => r.Value)
            .FirstOrDefault();
}

/// <summary>
/// Applies the tier of the request's path: answers 429 <c>RATE_LIMIT_EXCEEDED</c> with
/// <c>Retry-After</c> when the budget is spent, and puts <c>X-RateLimit-*</c> on every limited response.
/// </summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, IOptions<RateLimitOptions> options, IGrainFactory grains, TimeProvider time)
{
    private readonly RateLimitOptions _options = options.Value;
    private readonly IPNetwork[] _trusted = [.. (options.Value.TrustedProxies ?? []).Select(ParseNetwork)];

    public async Task InvokeAsync(HttpContext context)
    {
        if (!_options.Enabled || _options.TierFor(context.Request.Path) is not { } tier)
        {
            await next(context);
            return;
        }

        var (limit, window) = _options.TierLimits(tier);
        var client = ClientAddress(context);
        var key = $"{tier}|{client}|{context.Request.Path.Value?.ToLowerInvariant()}";
        var decision = await grains.GetGrain<IRateLimitGrain>(key).TryAcquireAsync(limit, window);

        // Set as the response starts: the error middleware clears the headers of a response it
        // replaces with the envelope, and an error answer is a limited response too.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = decision.ResetAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        if (decision.Allowed)
        {
            await next(context);
            return;
        }

        var retryAfter = Math.Max(1, (int)Math.Ceiling((decision.ResetAt - time.GetUtcNow()).TotalSeconds));
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await Envelope.Error(context, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimitExceeded,
            $"Too many requests: {decision.Limit} per {window.TotalSeconds:0} s. Retry after {retryAfter} s.").ExecuteAsync(context);
    }

    /// <summary>
    /// The client's address. Forwarding headers are read only from a trusted proxy, and then the
    /// right-most address that is not itself a trusted proxy is the client: what a client writes into
    /// the header itself is further left, so it cannot choose its own budget.
    /// </summary>
    internal string ClientAddress(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        if (peer is null)
        {
            return "unknown";
        }

        if (peer.IsIPv4MappedToIPv6)
        {
            peer = peer.MapToIPv4();
        }

        if (!IsTrusted(peer))
        {
            return peer.ToString();
        }

        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = forwarded.Length - 1; i >= 0; i--)
        {
            if (IPAddress.TryParse(forwarded[i], out var hop) && !IsTrusted(hop))
            {
                return hop.ToString();
            }
        }

        foreach (var header in new[] { "CF-Connecting-IP", "X-Real-IP" })
        {
            if (IPAddress.TryParse(context.Request.Headers[header].ToString().Trim(), out var address))
            {
                return address.ToString();
            }
        }

        return peer.ToString();
    }

    private bool IsTrusted(IPAddress address) => _trusted.Any(n => n.Contains(address));

    private static IPNetwork ParseNetwork(string value) =>
        value.Contains('/', StringComparison.Ordinal)
            ? IPNetwork.Parse(value)
            : new IPNetwork(IPAddress.Parse(value), IPAddress.Parse(value).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
}
