using System.Net;
using Akademia.Webhooks.Grains.Deliveries;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RetryAfterInSecondsIsRead()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "120");

        Assert.Equal(120, WebhookSender.RetryAfterSeconds(response, Now));
    }

    [Fact]
    public void RetryAfterAsAnHttpDateIsReadRelativeToNow()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", Now.AddMinutes(3).ToString("R"));

        Assert.Equal(180, WebhookSender.RetryAfterSeconds(response, Now));
    }

    [Fact]
    public void RetryAfterInThePastMeansNoExtraWait()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", Now.AddMinutes(-3).ToString("R"));

        Assert.Equal(0, WebhookSender.RetryAfterSeconds(response, Now));
    }

    [Fact]
    public void MissingOrMalformedRetryAfterIsIgnored()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        Assert.Null(WebhookSender.RetryAfterSeconds(response, Now));
        response.Headers.TryAddWithoutValidation("Retry-After", "soon");
        Assert.Null(WebhookSender.RetryAfterSeconds(response, Now));
    }
}
