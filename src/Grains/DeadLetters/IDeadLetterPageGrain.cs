namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>One page of a dead-letter index scope's bucket; the key is <c>{scope}/{day}/{number}</c> (<see cref="DeadLetterScopes.PageKey"/>).</summary>
[Alias("akademia.internal.IDeadLetterPageGrain")]
public interface IDeadLetterPageGrain : IGrainWithStringKey
{
    /// <summary>Applies the changes (<see cref="DeadLetterPages.Apply"/>); upserts of ids not on the page are inserted only when <paramref name="insertMissing"/>.</summary>
    [Alias("ApplyAsync")]
    Task<DeadLetterPageApplied> ApplyAsync(DeadLetterChange[] changes, bool insertMissing);

    [Alias("GetAsync"), ReadOnly]
    Task<IDeadLetterSummary[]> GetAsync();
}
