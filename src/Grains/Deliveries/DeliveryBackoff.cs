namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>
/// The wait before the next attempt under an endpoint's retry policy. The default is the platform's
/// ladder; the computed strategies (exponential, linear, polynomial, fibonacci) are stretched by the
/// error's kind as the resilience seed does (rate-limited ×2, server error ×1.5, timeout ×1.2,
/// connection error ×2). A ladder is a schedule the endpoint's owner chose, so it is left as given.
/// </summary>
public sealed class DeliveryBackoff
{
    public const string Ladder = "ladder";
    public const string Exponential = "exponential";
    public const string Linear = "linear";
    public const string Polynomial = "polynomial";
    public const string Fibonacci = "fibonacci";

    public static readonly IReadOnlySet<string> Strategies = new HashSet<string>(StringComparer.Ordinal) { Ladder, Exponential, Linear, Polynomial, Fibonacci };

    public const double DefaultBaseDelaySeconds = 60;
    public const double DefaultMaxDelaySeconds = 7200;
    public const int DefaultMaxAttempts = 7;

    private readonly RetryPolicy? _policy;
    private readonly IReadOnlyList<TimeSpan> _ladder;
    private readonly double _jitter;

    public DeliveryBackoff(RetryPolicy? policy, IReadOnlyList<TimeSpan> platformLadder, double platformJitter)
    {
        _policy = policy;
        _ladder = policy is { Strategy: Ladder, DelaysSeconds: { Length: > 0 } custom }
            ? [.. custom.Select(TimeSpan.FromSeconds)]
            : platformLadder;
        _jitter = policy?.JitterFactor ?? platformJitter;
        MaxAttempts = policy?.MaxAttempts ?? (IsLadder ? _ladder.Count + 1 : DefaultMaxAttempts);
    }

    public int MaxAttempts { get; }

    private bool IsLadder => _policy is null || _policy.Strategy == Ladder;

    /// <summary>Whether the answer means retrying cannot help: 410 Gone always, and what the policy lists.</summary>
    public bool IsPermanent(int? status) =>
        status == 410 || (status is { } s && _policy?.PermanentStatusCodes?.Contains(s) == true);

    /// <summary>The wait after <paramref name="attemptsMade"/> attempts, or <c>null</c> when none are left.</summary>
    public TimeSpan? NextDelay(int attemptsMade, string? errorCode, int? status, double random)
    {
        if (attemptsMade < 1 || attemptsMade >= MaxAttempts)
        {
            return null;
        }

        double seconds;
        if (IsLadder)
        {
            // A ladder shorter than the attempts allowed keeps its last step.
            seconds = _ladder[Math.Min(attemptsMade, _ladder.Count) - 1].TotalSeconds;
        }
        else
        {
            var unit = _policy!.BaseDelaySeconds ?? DefaultBaseDelaySeconds;
            var factor = _policy.Strategy switch
            {
                Exponential => Math.Pow(2, attemptsMade - 1),
                Linear => attemptsMade,
                Polynomial => Math.Pow(attemptsMade, 2),
                Fibonacci => FibonacciOf(attemptsMade),
                _ => 1,
            };
            seconds = Math.Min(unit * factor * ErrorMultiplier(errorCode, status), _policy.MaxDelaySeconds ?? DefaultMaxDelaySeconds);
        }

        var jittered = seconds * (1 + (_jitter * ((2 * random) - 1)));
        return TimeSpan.FromSeconds(Math.Max(0, jittered));
    }

    public static double ErrorMultiplier(string? errorCode, int? status) => (errorCode, status) switch
    {
        (_, 429) => 2.0,
        (DeliveryErrorCodes.NetworkError, _) => 2.0,
        (DeliveryErrorCodes.Timeout, _) => 1.2,
        (_, >= 500) => 1.5,
        _ => 1.0,
    };

    /// <summary>1, 1, 2, 3, 5, 8, … as the seed counts them.</summary>
    public static double FibonacciOf(int n)
    {
        if (n <= 2)
        {
            return 1;
        }

        double a = 1, b = 1;
        for (var i = 3; i <= n; i++)
        {
            (a, b) = (b, a + b);
        }

        return b;
    }

    /// <summary>Problems with a policy, by field, for validation.</summary>
    public static IEnumerable<(string Field, string Problem)> Check(RetryPolicy policy)
    {
        if (!Strategies.Contains(policy.Strategy))
        {
            yield return ("retryPolicy.strategy", "must be ladder, exponential, linear, polynomial or fibonacci");
        }

        if (policy.BaseDelaySeconds is <= 0 or > 86_400)
        {
            yield return ("retryPolicy.baseDelaySeconds", "must be between 0 and 86400");
        }

        if (policy.MaxDelaySeconds is <= 0 or > 7 * 86_400)
        {
            yield return ("retryPolicy.maxDelaySeconds", "must be between 0 and 604800");
        }

        if (policy.MaxAttempts is < 1 or > 50)
        {
            yield return ("retryPolicy.maxAttempts", "must be between 1 and 50");
        }

        if (policy.JitterFactor is < 0 or > 0.5)
        {
            yield return ("retryPolicy.jitterFactor", "must be between 0 and 0.5");
        }

        if (policy.DelaysSeconds is { } delays && (delays.Length > 49 || delays.Any(d => d is < 0 or > 7 * 86_400)))
        {
            yield return ("retryPolicy.delaysSeconds", "must be at most 49 waits of 0 to 604800 seconds");
        }

        if (policy.PermanentStatusCodes is { } codes && codes.Any(c => c is < 300 or > 599))
        {
            yield return ("retryPolicy.permanentStatusCodes", "must be HTTP statuses from 300 to 599");
        }
    }
}
