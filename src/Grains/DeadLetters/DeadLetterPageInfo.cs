namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>
/// What a scope's head knows of one page: its number in the bucket, how many summaries it holds and
/// the failure times (UTC ticks) of its newest and oldest, which let a listing skip or merge it unread.
/// </summary>
[GenerateSerializer, Immutable, Alias("akademia.internal.DeadLetterPageInfo")]
public sealed record DeadLetterPageInfo(
    [property: Id(0)] int Number,
    [property: Id(1)] int Count,
    [property: Id(2)] long Newest,
    [property: Id(3)] long Oldest)
{
    public bool Covers(long ticks) => Count > 0 && ticks <= Newest && ticks >= Oldest;
}
