namespace Akademia.Webhooks.Grains.DeadLetters;

[Alias("akademia.internal.IDeadLetterIndexGrain")]
public interface IDeadLetterQueueInternalGrain : IGrainWithStringKey
{
    [Alias("UpsertAsync")]
    Task UpsertAsync(DeadLetterSummary summary);
}
