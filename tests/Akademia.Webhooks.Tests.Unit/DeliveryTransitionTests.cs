using Akademia.Webhooks.Grains.Retries;
using Akademia.Webhooks.Grains.Deliveries;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class DeliveryTransitionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = T0.AddMinutes(5);

    // Three attempts in all: 10 s after the first, 20 s after the second, then none.
    private static DeliveryTransition Transition(RetryPolicy? policy = null, double maxRetryAfterSeconds = 60) =>
        new(new RetryBackoff(policy, [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)], 0), TimeSpan.FromSeconds(maxRetryAfterSeconds));

    private static DeliveryState Pending(int attemptsMade = 0) => new()
    {
        EventId = "evt",
        EndpointId = "ep",
        EventType = "order.created",
        MessageId = "msg",
        Status = DeliveryStatus.Pending,
        CreatedAt = T0,
        UpdatedAt = T0,
        NextAttemptAt = T0,
        Attempts = [.. Enumerable.Range(1, attemptsMade).Select(n => Attempt(n, status: 500))],
    };

    private static DeliveryAttempt Attempt(int number, int? status = null, string? errorCode = null, double? retryAfterSeconds = null) => new()
    {
        Number = number,
        StartedAt = T0,
        StatusCode = status,
        ErrorCode = errorCode,
        RetryAfterSeconds = retryAfterSeconds,
        Url = "https://receiver.example/hook",
    };

    [Fact]
    public void ASuccessDeliversAndKeepsEveryAttempt()
    {
        var step = Transition().After(Pending(attemptsMade: 1), Attempt(2, status: 204), Now, 0.5);

        Assert.Equal(DeliveryStepKind.Delivered, step.Kind);
        Assert.Equal(DeliveryStatus.Delivered, step.State.Status);
        Assert.Equal([500, 204], step.State.Attempts.Select(a => a.StatusCode));
        Assert.Null(step.State.NextAttemptAt);
        Assert.Equal(Now, step.State.UpdatedAt);
        Assert.Null(step.RetryIn);
        Assert.True(step.Settled);
    }

    [Fact]
    public void AFailureWithAttemptsLeftWaitsTheLaddersNextDelay()
    {
        var step = Transition().After(Pending(attemptsMade: 1), Attempt(2, status: 500), Now, 0.5);

        Assert.Equal(DeliveryStepKind.RetryScheduled, step.Kind);
        Assert.Equal(DeliveryStatus.Pending, step.State.Status);
        Assert.Equal(TimeSpan.FromSeconds(20), step.RetryIn);
        Assert.Equal(Now.AddSeconds(20), step.State.NextAttemptAt);
        Assert.Equal(2, step.State.Attempts.Length);
        Assert.False(step.Settled);
    }

    [Fact]
    public void TheLastAttemptOfTheLadderDeadLetters()
    {
        var step = Transition().After(Pending(attemptsMade: 2), Attempt(3, errorCode: DeliveryErrorCodes.Timeout), Now, 0.5);

        Assert.Equal(DeliveryStepKind.DeadLettered, step.Kind);
        Assert.Equal(DeliveryStatus.DeadLettered, step.State.Status);
        Assert.Null(step.State.NextAttemptAt);
        Assert.Equal(3, step.State.Attempts.Length);
        Assert.True(step.Settled);
    }

    [Fact]
    public void ARefusedDestinationDeadLettersAtOnce()
    {
        var step = Transition().After(Pending(), Attempt(1, errorCode: DeliveryErrorCodes.ForbiddenDestination), Now, 0.5);

        Assert.Equal(DeliveryStepKind.DeadLettered, step.Kind);
        Assert.Single(step.State.Attempts);
    }

    [Fact]
    public void GoneIsPermanentAndSoIsAStatusThePolicyNames()
    {
        var policy = new RetryPolicy { Strategy = RetryBackoff.Ladder, PermanentStatusCodes = [422] };

        Assert.Equal(DeliveryStepKind.DeadLettered, Transition().After(Pending(), Attempt(1, status: 410), Now, 0.5).Kind);
        Assert.Equal(DeliveryStepKind.DeadLettered, Transition(policy).After(Pending(), Attempt(1, status: 422), Now, 0.5).Kind);
        Assert.Equal(DeliveryStepKind.RetryScheduled, Transition().After(Pending(), Attempt(1, status: 422), Now, 0.5).Kind);
    }

    [Fact]
    public void ABreakerRejectionIsAFailedAttemptOnTheLadder()
    {
        var step = Transition().After(Pending(), Attempt(1, errorCode: DeliveryErrorCodes.CircuitBreakerOpen), Now, 0.5);

        Assert.Equal(DeliveryStepKind.RetryScheduled, step.Kind);
        Assert.Equal(TimeSpan.FromSeconds(10), step.RetryIn);
    }

    [Theory]
    [InlineData(45, 45)]
    [InlineData(5, 10)]
    [InlineData(600, 60)]
    public void RetryAfterStretchesTheWaitUpToTheCapButNeverShortensIt(double askedSeconds, double expectedSeconds)
    {
        var step = Transition(maxRetryAfterSeconds: 60).After(Pending(), Attempt(1, status: 429, retryAfterSeconds: askedSeconds), Now, 0.5);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), step.RetryIn);
        Assert.Equal(Now.AddSeconds(expectedSeconds), step.State.NextAttemptAt);
    }

    [Fact]
    public void RetryAfterDoesNotRetryWhatTheLadderGaveUp()
    {
        var step = Transition().After(Pending(attemptsMade: 2), Attempt(3, status: 503, retryAfterSeconds: 5), Now, 0.5);

        Assert.Equal(DeliveryStepKind.DeadLettered, step.Kind);
    }

    [Fact]
    public void AGoneEndpointCancelsWithoutAnotherAttempt()
    {
        var step = DeliveryTransition.EndpointGone(Pending(attemptsMade: 1), Now);

        Assert.Equal(DeliveryStepKind.Canceled, step.Kind);
        Assert.Equal(DeliveryStatus.Canceled, step.State.Status);
        Assert.Null(step.State.NextAttemptAt);
        Assert.Single(step.State.Attempts);
        Assert.True(step.Settled);
    }

    [Fact]
    public void APausedEndpointKeepsTheDeliveryAndLooksAgainAPeriodLater()
    {
        var step = DeliveryTransition.EndpointPaused(Pending(attemptsMade: 1), Now, TimeSpan.FromMinutes(1));

        Assert.Equal(DeliveryStepKind.Paused, step.Kind);
        Assert.Equal(DeliveryStatus.Pending, step.State.Status);
        Assert.Equal(Now.AddMinutes(1), step.State.NextAttemptAt);
        Assert.Single(step.State.Attempts);
        Assert.False(step.Settled);
    }
}
