using System.Globalization;
using System.Net;
using Akademia.Webhooks.ApiGateway.Infrastructure;
using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.ApiGateway.Security;

/// <summary>
/// Applies the tier of the request's path: answers 429 <c>RATE_LIMIT_EXCEEDED</c> with
/// <c>Retry-After</c> when the budget is spent, and puts <c>X-RateLimit-*</c> on every limited response.
/// It runs after routing, so it counts by route template (<c>/api/webhooks/{id}</c>), and before
/// authentication, as the specification orders it. A caller that presents a configured API key, or a
/// managed key or portal token this gateway has already verified (<see cref="CredentialLookup.IsKnownLive"/>),
/// is counted by a hash of that key; an anonymous caller, and one presenting a key not known to be
/// live, by its IP address under the anonymous tiers, so that a fresh random key on every request
/// buys no fresh budget (and costs no grain call here).
/// </summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, IOptions<RateLimitOptions> options, ApiKeyStore keys, IGrainFactory grains, TimeProvider timeProvider, ClusterConnection cluster, CredentialLookup credentials)
{
    /// <summary>The template shared by every path that matches no route: one counter per client, not per path.</summary>
    public const string UnmatchedTemplate = "(unmatched)";

    private readonly RateLimitOptions _options = options.Value;
    private readonly IPNetwork[] _trusted = [.. (options.Value.TrustedProxies ?? []).Select(ParseNetwork)];

    public async Task InvokeAsync(HttpContext context)
    {
        // The counters are grains: with no silo reachable nothing can be counted, and what gets this
        // far then (health, documentation) is answered by the gateway alone.
        if (!_options.Enabled || !cluster.IsConnected)
        {
            await next(context);
            return;
        }

        // Only the configured keys' digests and the credentials already verified are compared: no
        // grain call, and no role or route is decided here. A managed key's first request in a cache
        // age is counted by address; the ones after it by the key.
        var keyDigest = ApiKeyHandler.PresentedKey(context.Request) is { } presented ? ApiKeyStore.Digest(presented) : null;
        if (keyDigest is not null && keys.Find(keyDigest, out _) is null && !credentials.IsKnownLive(keyDigest))
        {
            keyDigest = null;
        }

        var matchOn = TierPath(context);
        var tier = keyDigest is null ? _options.TierFor(matchOn) : _options.KeyTierFor(matchOn);
        if (tier is null)
        {
            await next(context);
            return;
        }

        var (limit, window) = _options.TierLimits(tier);
        var client = keyDigest is null ? "ip:" + ClientAddress(context) : "key:" + KeyFingerprint(keyDigest);
        var bucket = $"{tier}|{client}|{Template(context)}";
        var decision = await grains.GetGrain<IRateLimitShardGrain>(ShardOf(bucket, _options.Shards)).TryAcquireAsync(new RateLimitAcquire
        {
            Bucket = bucket,
            Tier = tier,
            Limit = limit,
            Window = window,
            Capacity = _options.CountersPerShard,
        });

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

        var retryAfter = Math.Max(1, (int)Math.Ceiling((decision.ResetAt - timeProvider.GetUtcNow()).TotalSeconds));
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await Envelope.Error(context, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimitExceeded,
            $"Too many requests: {decision.Limit} per {window.TotalSeconds:0} s. Retry after {retryAfter} s.").ExecuteAsync(context);
    }

    /// <summary>What tiers match on: the matched route's template, whose parameters a prefix can name, else the path.</summary>
    internal static PathString TierPath(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: ['/', ..] raw } ? new PathString(raw) : context.Request.Path;

    /// <summary>The matched route's template; every unmatched path shares one.</summary>
    internal static string Template(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { Length: > 0 } raw }
            ? (raw.Length > 1 ? raw.TrimEnd('/') : raw).ToLowerInvariant()
            : UnmatchedTemplate;

    /// <summary>
    /// 96 bits of the key's SHA-256: enough to keep keys apart, and the key itself never leaves the
    /// gateway (counter names reach the silo, the dashboard and logs).
    /// </summary>
    internal static string KeyFingerprint(byte[] keyDigest) => Convert.ToHexStringLower(keyDigest.AsSpan(0, 12));

    /// <summary>FNV-1a: stable across processes (unlike <see cref="string.GetHashCode()"/>), so every gateway picks the same shard.</summary>
    internal static long ShardOf(string bucket, int shards)
    {
        var hash = 2166136261u;
        foreach (var c in bucket)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash % (uint)Math.Max(1, shards);
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
