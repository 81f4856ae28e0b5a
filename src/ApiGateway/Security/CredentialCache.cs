namespace Akademia.Webhooks.ApiGateway.Security;

/// <summary>
/// A bounded cache of credential answers, unknown credentials included (a null value). Every entry
/// expires after the maximum age, or sooner at its own deadline (a token's expiry). The bound on
/// size is kept by two generations: when the current one holds half the capacity it becomes the
/// previous one and the old previous is dropped, so neither insertion nor eviction ever scans.
/// </summary>
internal sealed class CredentialCache<T>(int capacity, TimeSpan maxAge, TimeProvider clock)
    where T : class
{
    private readonly Lock _lock = new();
    private readonly int _generationSize = Math.Max(1, capacity / 2);
    private Dictionary<string, (T? Value, DateTimeOffset ValidUntil)> _current = new(StringComparer.Ordinal);
    private Dictionary<string, (T? Value, DateTimeOffset ValidUntil)> _previous = new(StringComparer.Ordinal);

    /// <summary>How many answers are held: never more than the capacity.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _current.Count + _previous.Count;
            }
        }
    }

    /// <summary>The remembered answer for <paramref name="key"/>, when there is one young enough.</summary>
    public bool TryGet(string key, out T? value)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if ((_current.TryGetValue(key, out var entry) || _previous.TryGetValue(key, out entry)) && now < entry.ValidUntil)
            {
                value = entry.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Remembers <paramref name="value"/> for the maximum age, or until <paramref name="notAfter"/> if that is sooner.</summary>
    public void Set(string key, T? value, DateTimeOffset? notAfter = null)
    {
        var validUntil = clock.GetUtcNow() + maxAge;
        if (notAfter < validUntil)
        {
            validUntil = notAfter.Value;
        }

        lock (_lock)
        {
            if (_current.Count >= _generationSize && !_current.ContainsKey(key))
            {
                _previous = _current;
                _current = new(StringComparer.Ordinal);
            }

            _previous.Remove(key);
            _current[key] = (value, validUntil);
        }
    }
}
