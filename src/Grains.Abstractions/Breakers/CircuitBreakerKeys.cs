namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// How URLs map to circuit breakers.
/// </summary>
public static class CircuitBreakerKeys
{
    /// <summary>
    /// Scheme, lowercase host, explicit port and path, without query or fragment: URLs that differ
    /// only in those share one breaker.
    /// </summary>
    public static string For(string url)
    {
        var uri = new Uri(url, UriKind.Absolute);
        return $"{uri.Scheme}://{uri.IdnHost.ToLowerInvariant()}:{uri.Port}{uri.AbsolutePath}";
    }
}
