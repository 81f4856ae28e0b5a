namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>The seed's health score for inbound processing.</summary>
public static class InboundHealthScore
{
    public const int DegradedBelow = 70;

    /// <summary>
    /// 100, less 20 for more than 1000 messages received and not yet processed, 15 for more than 500
    /// waiting for a retry, 25 for more than 100 in the dead-letter queue, and for the error rate 30
    /// above 10 % and a further 15 above 5 % (the seed's two rules both apply to a rate above 10 %).
    /// </summary>
    public static int Calculate(InboundQueues queues, double errorRate)
    {
        var score = 100;
        if (queues.Received > 1000)
        {
            score -= 20;
        }

        if (queues.Retrying > 500)
        {
            score -= 15;
        }

        if (queues.DeadLetter > 100)
        {
            score -= 25;
        }

        if (errorRate > 0.1)
        {
            score -= 30;
        }

        if (errorRate > 0.05)
        {
            score -= 15;
        }

        return Math.Clamp(score, 0, 100);
    }

    public static string Status(int score) => score >= DegradedBelow ? "healthy" : "degraded";
}
