using System.Text.Json;
using Akademia.Webhooks.Grains.Attempts;
using Akademia.Webhooks.Grains.Deliveries;
using Akademia.Webhooks.Grains.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Endpoints;

/// <summary>
/// The test route's send: a <c>webhook.test</c> event through the same attempt pipeline as deliveries
/// (breaker, signing, sending, reporting), with the specification's short retry ladder. Per silo.
/// </summary>
public sealed partial class EndpointTester(IAttemptPipeline pipeline, IOptions<EndpointPolicyOptions> options, TimeProvider timeProvider, ILogger<EndpointTester> logger)
{
    public const string TestEventType = "webhook.test";

    /// <summary>Sends the test event to <paramref name="target"/>, retrying on the test ladder until an answer settles it.</summary>
    public async Task<EndpointTestResult> TestAsync(string endpointId, EndpointTarget target)
    {
        var eventId = "test_" + Guid.CreateVersion7().ToString("N");
        var messageId = PlatformIds.DeliveryId(eventId, endpointId);
        var ticket = AttemptTicket.Test(messageId, endpointId, target);
        var data = JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = "Test webhook from Akademia.Orleans", ["endpointId"] = endpointId });
        var body = EventGrain.BuildBody(eventId, TestEventType, timeProvider.GetUtcNow(), data);
        var delays = options.Value.EffectiveTestRetryDelays;
        var attempts = new List<DeliveryAttempt>();

        for (var number = 1; number <= delays.Count + 1; number++)
        {
            var outcome = await pipeline.SendAsync(ticket, eventId, messageId, body, number);
            await pipeline.ReportAsync(ticket, outcome);
            var attempt = outcome.Attempt;
            if (attempt.ErrorCode == DeliveryErrorCodes.CircuitBreakerOpen)
            {
                LogTestSkipped(logger, endpointId);
                return TestResult(attempts, "Circuit breaker is open for this URL; the test was not sent.", DeliveryErrorCodes.CircuitBreakerOpen);
            }

            attempts.Add(attempt);
            if (attempt.Succeeded)
            {
                if (number == 1)
                {
                    LogTestSent(logger, endpointId, attempt.StatusCode);
                }
                else
                {
                    LogTestSucceededAfterRetry(logger, endpointId, number);
                }

                return TestResult(attempts, null, null);
            }

            if (attempt.ErrorCode == DeliveryErrorCodes.ForbiddenDestination || number > delays.Count)
            {
                break;
            }

            await Task.Delay(delays[number - 1], timeProvider);
        }

        LogTestFailed(logger, endpointId, attempts.Count);
        var last = attempts[^1];
        return TestResult(attempts, last.ErrorMessage ?? "The test failed.", last.ErrorCode ?? "HTTP_ERROR");
    }

    private static EndpointTestResult TestResult(List<DeliveryAttempt> attempts, string? error, string? code) => new()
    {
        Success = error is null,
        Status = attempts.LastOrDefault()?.StatusCode,
        Response = attempts.LastOrDefault()?.ResponseBody,
        Attempts = attempts.Count,
        Error = error,
        Code = code,
        AttemptHistory = [.. attempts],
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook test sent to endpoint {EndpointId}: status {Status}")]
    private static partial void LogTestSent(ILogger logger, string endpointId, int? status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook test succeeded after retry: endpoint {EndpointId}, attempt {Attempt}")]
    private static partial void LogTestSucceededAfterRetry(ILogger logger, string endpointId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook test failed after all retries: endpoint {EndpointId}, {Attempts} attempts")]
    private static partial void LogTestFailed(ILogger logger, string endpointId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook test skipped due to open circuit breaker: endpoint {EndpointId}")]
    private static partial void LogTestSkipped(ILogger logger, string endpointId);
}
