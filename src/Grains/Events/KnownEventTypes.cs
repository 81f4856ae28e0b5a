using System.Collections.Concurrent;

namespace Akademia.Webhooks.Grains.Events;

/// <summary>
/// Event types this silo has seen the registry confirm. Types are never removed, so a type once known
/// stays known. A per-silo service rather than a static, so that clusters sharing a process keep their own.
/// </summary>
public sealed class KnownEventTypes
{
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    public bool Contains(string type) => _known.ContainsKey(type);

    public void Add(string type) => _known.TryAdd(type, true);
}
