namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>One day (UTC, of the failure time) of a scope: its pages in the order they were opened; the last one takes new summaries.</summary>
[GenerateSerializer, Immutable, Alias("akademia.internal.DeadLetterBucket")]
public sealed record DeadLetterBucket(
    [property: Id(0)] int Day,
    [property: Id(1)] DeadLetterPageInfo[] Pages)
{
    public int Count => Pages.Sum(p => p.Count);
}
