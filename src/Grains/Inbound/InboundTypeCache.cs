using System.Collections.Concurrent;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>
/// Event types this silo has registered, so that processing asks the registry once per type.
/// A per-silo service rather than a static, so that clusters sharing a process keep their own.
/// </summary>
public sealed class InboundTypeCache
{
    private readonly ConcurrentDictionary<string, bool> _registered = new(StringComparer.Ordinal);

    public bool IsRegistered(string type) => _registered.ContainsKey(type);

    public void Registered(string type) => _registered.TryAdd(type, true);
}
