namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>A measurement, not a check: runs only when <c>DLQ_SCALE</c> names how many entries to seed (it takes minutes).</summary>
public sealed class ScaleFactAttribute : FactAttribute
{
    public ScaleFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DLQ_SCALE")))
        {
            Skip = "a measurement: set DLQ_SCALE (entries to seed) and optionally DLQ_SCALE_STORAGE=Redis";
        }
    }
}
