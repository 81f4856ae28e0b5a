using HdrHistogram;

namespace Akademia.Webhooks.Bench.Infra;

/// <summary>Request times in an HdrHistogram (microseconds, 3 significant digits), recorded from many tasks.</summary>
public sealed class Timings
{
    private readonly LongHistogram _histogram = new(600_000_000, 3);
    private readonly Lock _lock = new();

    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _histogram.TotalCount;
            }
        }
    }

    public void Record(TimeSpan elapsed)
    {
        lock (_lock)
        {
            _histogram.RecordValue(Math.Max(1, (long)(elapsed.TotalMilliseconds * 1000)));
        }
    }

    /// <summary>The percentile in milliseconds; NaN when nothing was recorded.</summary>
    public double Ms(double percentile)
    {
        lock (_lock)
        {
            return _histogram.TotalCount == 0 ? double.NaN : _histogram.GetValueAtPercentile(percentile) / 1000.0;
        }
    }

    public string Describe() => $"p50 {Ms(50):0.0} ms, p99 {Ms(99):0.0} ms, max {Ms(100):0.0} ms ({Count:N0})";
}
