using System.ComponentModel.DataAnnotations;
using Akademia.Webhooks.Grains.Inbound;
using Akademia.Webhooks.Grains.Retries;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class InboundRetryTests
{
    private static readonly RetryBackoff Default = new InboundOptions().Backoff(int.MaxValue);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(8, 128)]
    [InlineData(9, 256)]
    public void WaitDoublesFromOneSecond(int failures, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Default.Delay(failures, null, null, random: 0));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(40)]
    [InlineData(int.MaxValue)]
    public void WaitIsCappedAtFiveMinutes(int failures)
    {
        Assert.Equal(TimeSpan.FromMinutes(5), Default.Delay(failures, null, null, random: 0.999));
    }

    [Fact]
    public void JitterAddsUpToOneSecond()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(4500), Default.Delay(3, null, null, random: 0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(1999), Default.Delay(1, null, null, random: 0.999));
    }

    [Theory]
    [InlineData("TIMEOUT", 429)]
    [InlineData("SERVICE_UNAVAILABLE", 503)]
    public void WaitIsNotStretchedByTheErrorsKind(string errorCode, int status)
    {
        Assert.Equal(TimeSpan.FromSeconds(4), Default.Delay(3, errorCode, status, random: 0));
    }

    [Fact]
    public void NoWaitOnceTheMessagesAttemptsAreSpent()
    {
        var backoff = new InboundOptions().Backoff(maxAttempts: 3);
        TimeSpan?[] expected = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), null, null];
        Assert.Equal(expected, [.. new[] { 1, 2, 3, 0 }.Select(n => backoff.NextDelay(n, "TIMEOUT", null, 0))]);
    }

    [Fact]
    public void TimeoutsUnavailabilityAndUnexpectedErrorsAreRetried()
    {
        Assert.Equal(new InboundFailure("TIMEOUT", "Processing did not finish in time.", true), InboundFailure.Classify(new TimeoutException("x")));
        Assert.Equal(new InboundFailure("SERVICE_UNAVAILABLE", "down", true),
            InboundFailure.Classify(new WebhookPlatformException(ErrorCodes.ServiceUnavailable, "down")));
        Assert.Equal(new InboundFailure("PROCESSING_ERROR", "InvalidOperationException: boom", true), InboundFailure.Classify(new InvalidOperationException("boom")));
        Assert.Equal("SERVICE_UNAVAILABLE", InboundFailure.Classify(new SiloUnavailableException("gone")).Code);
        Assert.True(InboundFailure.Classify(new SiloUnavailableException("gone")).Retryable);
    }

    [Fact]
    public void BadSignatureMalformedPayloadAndMissingProcessorAreNotRetried()
    {
        Assert.Equal(new InboundFailure("MALFORMED_PAYLOAD", "bad", false), InboundFailure.Classify(new InboundPayloadException(InboundErrorCodes.MalformedPayload, "bad")));
        Assert.Equal(new InboundFailure("NO_PROCESSOR", "none", false), InboundFailure.Classify(new InboundPayloadException(InboundErrorCodes.NoProcessor, "none")));
        Assert.Equal(new InboundFailure("INVALID_SIGNATURE", "forged", false),
            InboundFailure.Classify(new WebhookPlatformException(ErrorCodes.InvalidSignature, "forged")));
        var refused = InboundFailure.Classify(new ValidationFailedException(new() { ["data"] = "must be at most 1024 bytes" }));
        Assert.Equal("MALFORMED_PAYLOAD", refused.Code);
        Assert.False(refused.Retryable);
    }

    [Fact]
    public void OptionsDefaultToTheSpecificationAndRejectNonsense()
    {
        var defaults = new InboundOptions();
        Assert.Equal(
            (TimeSpan.FromMinutes(5), 1000, TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1)),
            (defaults.SignatureTolerance, defaults.DefaultRateLimitPerMinute, defaults.ProcessingDelay, defaults.ProcessingTimeout, defaults.RetryBaseDelay, defaults.RetryMaxDelay, defaults.RetryJitter));
        Assert.Empty(Problems(defaults));

        var bad = new InboundOptions { ProcessingTimeout = TimeSpan.Zero, RetryBaseDelay = TimeSpan.FromMinutes(10), ProcessingDelay = TimeSpan.FromSeconds(-1) };
        Assert.Equal(["ProcessingDelay", "ProcessingTimeout", "RetryBaseDelay", "RetryMaxDelay"], Problems(bad).Order(StringComparer.Ordinal));
    }

    private static List<string> Problems(InboundOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.SelectMany(r => r.MemberNames)];
    }
}

public sealed class InboundHealthScoreTests
{
    private static InboundQueues Queues(long received = 0, long retrying = 0, long deadLetter = 0) =>
        new() { Received = received, Retrying = retrying, DeadLetter = deadLetter };

    [Fact]
    public void QuietSystemScoresFullMarks()
    {
        Assert.Equal(100, InboundHealthScore.Calculate(Queues(1000, 500, 100), 0.05));
        Assert.Equal("healthy", InboundHealthScore.Status(100));
    }

    [Theory]
    [InlineData(1001, 0, 0, 80)]
    [InlineData(0, 501, 0, 85)]
    [InlineData(0, 0, 101, 75)]
    [InlineData(1001, 501, 101, 40)]
    public void BacklogsCostTheSeedsPoints(long received, long retrying, long deadLetter, int score)
    {
        Assert.Equal(score, InboundHealthScore.Calculate(Queues(received, retrying, deadLetter), 0));
    }

    [Theory]
    [InlineData(0.05, 100)]
    [InlineData(0.051, 85)]
    [InlineData(0.1, 85)]
    [InlineData(0.11, 55)]
    public void ErrorRatesAboveFiveAndTenPercentBothCount(double errorRate, int score)
    {
        Assert.Equal(score, InboundHealthScore.Calculate(Queues(), errorRate));
    }

    [Fact]
    public void ScoreNeverGoesBelowZeroAndBelowSeventyIsDegraded()
    {
        Assert.Equal(0, InboundHealthScore.Calculate(Queues(5000, 5000, 5000), 1));
        Assert.Equal("degraded", InboundHealthScore.Status(69));
        Assert.Equal("healthy", InboundHealthScore.Status(70));
    }
}
