namespace Akademia.Webhooks.Grains.Endpoints;

/// <summary>
/// An endpoint's recent attempts in a sliding window, and the seed's <c>calculateAPIHealthScore</c>
/// over them: error rate above 10 % / 5 % / 1 % scales by 0.5 / 0.7 / 0.9; average response time
/// above 10 s / 5 s / 2 s by 0.3 / 0.6 / 0.8; timeout rate above 5 % / 1 % by 0.4 / 0.8.
/// </summary>
public sealed class EndpointHealthTracker(int windowSize, TimeSpan windowAge)
{
    private readonly Queue<AttemptReport> _window = new();

    public void Add(AttemptReport report, DateTimeOffset now)
    {
        _window.Enqueue(report);
        Trim(now);
    }

    public (int Attempts, double ErrorRate, double TimeoutRate, double AverageMs) Metrics(DateTimeOffset now)
    {
        Trim(now);
        if (_window.Count == 0)
        {
            return (0, 0, 0, 0);
        }

        var attempts = _window.Count;
        return (
            attempts,
            _window.Count(r => !r.Succeeded) / (double)attempts,
            _window.Count(r => r.ErrorCode == Deliveries.DeliveryErrorCodes.Timeout) / (double)attempts,
            _window.Average(r => r.DurationMs));
    }

    public double Score(DateTimeOffset now)
    {
        var (attempts, errorRate, timeoutRate, average) = Metrics(now);
        return attempts == 0 ? 1.0 : ScoreOf(errorRate, average, timeoutRate);
    }

    /// <summary>The endpoint's health as the API shows it: these measurements, rounded, with its streak and its breaker.</summary>
    public EndpointHealth Describe(EndpointDetails endpoint, EndpointHealthState streak, CircuitBreakerSnapshot breaker, DateTimeOffset now)
    {
        var (attempts, errorRate, timeoutRate, average) = Metrics(now);
        return new EndpointHealth
        {
            EndpointId = endpoint.Id,
            Score = Math.Round(Score(now), 3),
            Attempts = attempts,
            ErrorRate = Math.Round(errorRate, 4),
            TimeoutRate = Math.Round(timeoutRate, 4),
            AverageResponseTimeMs = Math.Round(average, 2),
            ConsecutiveFailures = streak.ConsecutiveFailures,
            FailingSince = streak.FailingSince,
            SlaCompliant = EndpointHealthPolicy.SlaCompliant(endpoint.Sla, attempts, errorRate, average),
            CircuitBreaker = breaker,
            Active = endpoint.Active,
        };
    }

    public static double ScoreOf(double errorRate, double averageResponseMs, double timeoutRate)
    {
        var score = 1.0;
        score *= errorRate switch { > 0.1 => 0.5, > 0.05 => 0.7, > 0.01 => 0.9, _ => 1.0 };
        score *= averageResponseMs switch { > 10_000 => 0.3, > 5_000 => 0.6, > 2_000 => 0.8, _ => 1.0 };
        score *= timeoutRate switch { > 0.05 => 0.4, > 0.01 => 0.8, _ => 1.0 };
        return Math.Clamp(score, 0, 1);
    }

    private void Trim(DateTimeOffset now)
    {
        while (_window.Count > windowSize || (_window.TryPeek(out var oldest) && now - oldest.At > windowAge))
        {
            _window.Dequeue();
        }
    }
}
