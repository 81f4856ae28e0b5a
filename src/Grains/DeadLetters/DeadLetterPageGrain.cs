using System.Globalization;

namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>
/// One bounded page of an index scope (at most about <see cref="DeadLetterPages.Capacity"/> summaries):
/// a change rewrites this page only. Its scope's head is the only caller that changes it.
/// </summary>
[GrainType("dead-letter-page")]
public sealed class DeadLetterPageGrain(
    [PersistentState("dead-letter-page", StorageNames.Webhooks)] IPersistentState<DeadLetterPageState> state)
    : Grain, IDeadLetterPageGrain
{
    private int Number
    {
        get
        {
            var key = this.GetPrimaryKeyString();
            return int.Parse(key.AsSpan(key.LastIndexOf('/') + 1), NumberStyles.None, CultureInfo.InvariantCulture);
        }
    }

    public async Task<DeadLetterPageApplied> ApplyAsync(DeadLetterChange[] changes, bool insertMissing)
    {
        var (summaries, applied) = DeadLetterPages.Apply(state.State.Summaries, Number, changes, insertMissing);
        if (summaries is not null)
        {
            var before = state.State;
            state.State = state.State with { Summaries = summaries };
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // Whether it was stored is unknown: read it again rather than answer from a copy the
                // store may not have (the caller's repair applies the change again).
                state.State = before;
                DeactivateOnIdle();
                throw;
            }
        }

        return applied;
    }

    public Task<IDeadLetterSummary[]> GetAsync() => Task.FromResult(state.State.Summaries);
}
