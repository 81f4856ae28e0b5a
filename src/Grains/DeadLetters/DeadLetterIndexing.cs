using Akademia.Webhooks.Grains.Persistence;

namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>
/// How an entry grain tells the scopes of its index about a change. The wait is bounded: an entry is
/// stored before it is indexed, so a slow or failing index must not hold up (or fail) what archived
/// it; the entry marks itself for repair instead (<see cref="RepairReminder"/>).
/// </summary>
public static class DeadLetterIndexing
{
    /// <summary>How long an entry waits for its scopes before it leaves the change to its repair.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    /// <summary>The entry grains' reminder that applies a change the index did not confirm: first after 5 s, then every minute until it holds.</summary>
    public static readonly RepairReminder Repair = new("dead-letter-index-repair", TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1));

    /// <summary>Applies <paramref name="changes"/> to every scope; throws when one did not confirm within <see cref="Wait"/>.</summary>
    public static Task ApplyAsync(IGrainFactory grains, IEnumerable<string> scopes, DeadLetterChange[] changes) =>
        Task.WhenAll(scopes.Select(scope => grains.GetGrain<IDeadLetterScopeGrain>(scope).ApplyAsync(changes))).WaitAsync(Wait);
}
