using System.ComponentModel.DataAnnotations;

namespace Akademia.Webhooks.ApiGateway.Security;

/// <summary>
/// How the gateway caches what it learnt about managed API keys and portal tokens. Section
/// <c>AuthCache</c>. <see cref="MaxAge"/> is the bound within which a revocation takes effect on
/// every gateway; within it, a request authenticates with no grain call.
/// </summary>
public sealed class AuthCacheOptions
{
    public const string Section = "AuthCache";

    /// <summary>How long an answer is reused: 1 second to 5 minutes, 30 seconds by default.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Keys and tokens remembered, each kind apart (unknown ones included): 100 to 1,000,000.</summary>
    [Range(100, 1_000_000)]
    public int Capacity { get; set; } = 10_000;
}
