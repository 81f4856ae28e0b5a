namespace Akademia.Webhooks.Grains.DeadLetters;

[Alias("akademia.internal.IDeadLetterArchiveGrain")]
public interface IDeadLetterInternalGrain : IGrainWithStringKey
{
    /// <summary>Stores the entry unless it exists; repeats are harmless.</summary>
    [Alias("ArchiveAsync")]
    Task ArchiveAsync(DeadLetterEntry entry);
}
