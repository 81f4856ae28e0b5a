using Akademia.Webhooks.Grains.Deliveries;

namespace Akademia.Webhooks.Grains.Retries;

/// <summary>
/// The wait before the next attempt, for both directions. Outbound follows an endpoint's retry
/// policy: the default is the platform's ladder; the computed strategies (exponential, linear,
/// polynomial, fibonacci) are stretched by the error's kind as the resilience seed does (rate-limited
/// ×2, server error ×1.5, timeout ×1.2, connection error ×2), capped, then jittered by ± a fraction. A
/// ladder is a schedule the endpoint's owner chose, so it is left as given. Inbound processing uses
/// <see cref="Doubling"/>: exponential from a base, plus up to a fixed jitter, never past the cap.
/// </summary>
public sealed class RetryBackoff
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

    private readonly string _strategy;
    private readonly IReadOnlyList<TimeSpan> _ladder;
    private readonly double _baseSeconds;
    private readonly double _maxSeconds;
    private readonly bool _stretchByError;
    private readonly double _jitterFactor;
    private readonly double _addedJitterSeconds;
    private readonly int[]? _permanentStatusCodes;

    public RetryBackoff(RetryPolicy? policy, IReadOnlyList<TimeSpan> platformLadder, double platformJitter)
    {
        _strategy = policy is null ? Ladder : policy.Strategy;
        _ladder = policy is { Strategy: Ladder, DelaysSeconds: { Length: > 0 } custom }
            ? [.. custom.Select(TimeSpan.FromSeconds)]
            : platformLadder;
        _baseSeconds = policy?.BaseDelaySeconds ?? DefaultBaseDelaySeconds;
        _maxSeconds = policy?.MaxDelaySeconds ?? DefaultMaxDelaySeconds;
        _stretchByError = true;
        _jitterFactor = policy?.JitterFactor ?? platformJitter;
        _permanentStatusCodes = policy?.PermanentStatusCodes;
        MaxAttempts = policy?.MaxAttempts ?? (IsLadder ? _ladder.Count + 1 : DefaultMaxAttempts);
    }

    private RetryBackoff(TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan addedJitter, int maxAttempts)
    {
        _strategy = Exponential;
        _ladder = [];
        _baseSeconds = baseDelay.TotalSeconds;
        _maxSeconds = maxDelay.TotalSeconds;
        _addedJitterSeconds = addedJitter.TotalSeconds;
        MaxAttempts = maxAttempts;
    }

    /// <summary>
    /// <c>base × 2^(n-1)</c> after the n-th failure, plus up to <paramref name="addedJitter"/>, never
    /// more than <paramref name="maxDelay"/>, whatever the error.
    /// </summary>
    public static RetryBackoff Doubling(TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan addedJitter, int maxAttempts) =>
        new(baseDelay, maxDelay, addedJitter, maxAttempts);

    public int MaxAttempts { get; }

    private bool IsLadder => _strategy == Ladder;

    /// <summary>Whether the answer means retrying cannot help: 410 Gone always, and what the policy lists.</summary>
    public bool IsPermanent(int? status) =>
        status == 410 || (status is { } s && _permanentStatusCodes?.Contains(s) == true);

    /// <summary>The wait after <paramref name="attemptsMade"/> attempts, or <c>null</c> when none are left.</summary>
    public TimeSpan? NextDelay(int attemptsMade, string? errorCode, int? status, double random) =>
        attemptsMade < 1 || attemptsMade >= MaxAttempts ? null : Delay(attemptsMade, errorCode, status, random);

    /// <summary>
    /// The wait after <paramref name="attemptsMade"/> (≥ 1) attempts, however many are allowed;
    /// <paramref name="random"/> is a sample in [0, 1).
    /// </summary>
    public TimeSpan Delay(int attemptsMade, string? errorCode, int? status, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsMade, 1);

        double seconds;
        if (IsLadder)
        {
            // A ladder shorter than the attempts allowed keeps its last step.
            seconds = _ladder[Math.Min(attemptsMade, _ladder.Count) - 1].TotalSeconds;
        }
        else
        {
            var factor = _strategy switch
            {
                Exponential => Math.Pow(2, attemptsMade - 1),
                Linear => attemptsMade,
                Polynomial => Math.Pow(attemptsMade, 2),
                Fibonacci => FibonacciOf(attemptsMade),
                _ => 1,
            };
            var stretch = _stretchByError ? ErrorMultiplier(errorCode, status) : 1;
            seconds = Math.Min(_baseSeconds * factor * stretch, _maxSeconds);
        }

        if (_addedJitterSeconds > 0)
        {
            // Added jitter spreads waits below the cap; a wait at the cap stays there.
            return TimeSpan.FromSeconds(Math.Min(_maxSeconds, seconds + (_addedJitterSeconds * random)));
        }

        var jittered = seconds * (1 + (_jitterFactor * ((2 * random) - 1)));
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
