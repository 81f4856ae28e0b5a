using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Akademia.Webhooks.Tests.Infrastructure;

namespace Akademia.Webhooks.Tests.Deliveries;

/// <summary>Per-endpoint delivery rates that learn from the receiver.</summary>
public sealed class AdaptiveRateTests(LadderFixture platform) : IClassFixture<LadderFixture>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task TooManyRequestsWithRetryAfterWaitsAndLowersTheEndpointsRate()
    {
        var calls = 0;
        _receiver.Behaviour = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? (429, "slow down") : (200, "ok"));
        _receiver.ResponseHeaders = _ => Volatile.Read(ref calls) == 1 ? [new("Retry-After", "2")] : [];
        var type = await platform.NewEventTypeAsync();
        var endpointId = await CreateRateLimitedAsync(_receiver.Url("/429"), type, perSecond: 10, min: 1, max: 10);

        await platform.PublishAsync(new { id = "rate-429", type, data = new { } });

        var delivery = await platform.WaitForDeliveryAsync($"rate-429:{endpointId}", d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal([429, 200], delivery.Attempts.Select(a => a.StatusCode!.Value));
        var gap = _receiver.Received[1].ReceivedAt - _receiver.Received[0].ReceivedAt;
        Assert.True(gap >= TimeSpan.FromMilliseconds(1950), $"retried after {gap.TotalMilliseconds} ms despite Retry-After: 2");

        var rate = (await platform.GetDataAsync($"/api/webhooks/{endpointId}"))["deliveryRate"]!;
        Assert.True(rate["currentPerSecond"]!.GetValue<double>() < 10);
        var decrease = rate["adjustments"]!.AsArray().Single(a => a!["reason"]!.GetValue<string>() == "rate_limited (429)")!;
        Assert.Equal(10, decrease["from"]!.GetValue<double>());
        Assert.Equal(7, decrease["to"]!.GetValue<double>());

        var metrics = await (await platform.AnonymousClient().GetAsync("/metrics")).Content.ReadAsStringAsync();
        var rateLine = Assert.Single(metrics.Split('\n'), l => l.StartsWith("akademia_endpoint_delivery_rate_per_second{", StringComparison.Ordinal) && l.Contains($"endpoint=\"{endpointId}\"", StringComparison.Ordinal));
        Assert.Equal(rate["currentPerSecond"]!.GetValue<double>(), double.Parse(rateLine.Split(' ')[^1], CultureInfo.InvariantCulture));
        Assert.Contains("akademia_endpoint_rate_adjustments_total{", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdaptedRateNeverExceedsTheReceiversLimitAndRecoversWhenItIsLifted()
    {
        // A receiver allowing 5 requests per wall-clock second, announcing what is left in its headers.
        const int limit = 5;
        var windows = new System.Collections.Concurrent.ConcurrentDictionary<long, int>();
        var limited = true;
        int CountIn(long second) => windows.AddOrUpdate(second, 1, (_, n) => n + 1);
        _receiver.Behaviour = (request, _) =>
        {
            var count = CountIn(request.ReceivedAt.ToUnixTimeSeconds());
            return Task.FromResult(Volatile.Read(ref limited) && count > limit ? (429, "over the limit") : (200, "ok"));
        };
        _receiver.ResponseHeaders = request =>
        {
            if (!Volatile.Read(ref limited))
            {
                return [];
            }

            var second = request.ReceivedAt.ToUnixTimeSeconds();
            var remaining = Math.Max(0, limit - windows.GetValueOrDefault(second));
            return
            [
                new("X-RateLimit-Limit", limit.ToString(CultureInfo.InvariantCulture)),
                new("X-RateLimit-Remaining", remaining.ToString(CultureInfo.InvariantCulture)),
                new("X-RateLimit-Reset", "1"),
            ];
        };
        var type = await platform.NewEventTypeAsync();
        var endpointId = await CreateRateLimitedAsync(_receiver.Url("/limited"), type, perSecond: 20, min: 1, max: 40);

        for (var i = 0; i < 25; i++)
        {
            await platform.PublishAsync(new { id = $"rate-limited-{i}", type, data = new { i } });
        }

        for (var i = 0; i < 25; i++)
        {
            await platform.WaitForDeliveryAsync($"rate-limited-{i}:{endpointId}", d => d.Status == DeliveryStatus.Delivered, TimeSpan.FromSeconds(60));
        }

        Assert.True(windows.Values.All(n => n <= limit),
            "requests per second: " + string.Join(", ", windows.OrderBy(w => w.Key).Select(w => w.Value)) + " | " +
            string.Join(", ", _receiver.Received.Select(r => r.ReceivedAt.ToString("ss.fff", CultureInfo.InvariantCulture))));
        var adapted = (await platform.GetDataAsync($"/api/webhooks/{endpointId}"))["deliveryRate"]!;
        Assert.Contains(adapted["adjustments"]!.AsArray(), a => a!["reason"]!.GetValue<string>() == "receiver_limit_nearly_exhausted");
        var lowest = adapted["adjustments"]!.AsArray().Min(a => a!["to"]!.GetValue<double>());

        // The limit is lifted: fast successes raise the rate again.
        Volatile.Write(ref limited, false);
        for (var i = 0; i < 15; i++)
        {
            await platform.PublishAsync(new { id = $"rate-lifted-{i}", type, data = new { i } });
        }

        for (var i = 0; i < 15; i++)
        {
            await platform.WaitForDeliveryAsync($"rate-lifted-{i}:{endpointId}", d => d.Status == DeliveryStatus.Delivered);
        }

        var recovered = (await platform.GetDataAsync($"/api/webhooks/{endpointId}"))["deliveryRate"]!;
        Assert.True(recovered["currentPerSecond"]!.GetValue<double>() > lowest);
        Assert.Equal("fast_success", recovered["adjustments"]![0]!["reason"]!.GetValue<string>());
    }

    private async Task<string> CreateRateLimitedAsync(string url, string type, double perSecond, double min, double max)
    {
        var response = await platform.Http.PostAsJsonAsync("/api/webhooks", new
        {
            url,
            events = new[] { type },
            rateLimit = new { perSecond, adaptive = true, minPerSecond = min, maxPerSecond = max },
        });
        return (await PlatformFixture.ReadJsonAsync(response, HttpStatusCode.Created))["data"]!["id"]!.GetValue<string>();
    }
}
