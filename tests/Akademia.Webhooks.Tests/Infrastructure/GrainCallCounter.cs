using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>Calls the primary silo's grains received, per interface method of the platform's own grains.</summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, long> _byMethod = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_byMethod, StringComparer.Ordinal);

    public long Of(string method) => _byMethod.GetValueOrDefault(method);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.DeclaringType is { Namespace: { } ns } type && ns.StartsWith("Akademia.", StringComparison.Ordinal))
        {
            _byMethod.AddOrUpdate($"{type.Name}.{context.InterfaceMethod.Name}", 1, (_, n) => n + 1);
        }

        return context.Invoke();
    }

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<GrainCallCounter>();
        services.AddSingleton<IIncomingGrainCallFilter>(sp => sp.GetRequiredService<GrainCallCounter>());
    }
}
