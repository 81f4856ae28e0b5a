namespace Akademia.Webhooks.Grains.DeadLetters;

/// <summary>What a listing keeps of the summaries its scope walks (the scope itself already narrows by endpoint, application or source).</summary>
public interface IDeadLetterFilter
{
    bool Matches(IDeadLetterSummary summary);
}
