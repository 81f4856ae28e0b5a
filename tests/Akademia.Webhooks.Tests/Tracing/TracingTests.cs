using System.Diagnostics;
using Akademia.Webhooks.Hosting;
using Akademia.Webhooks.Tests.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Akademia.Webhooks.Tests.Tracing;

/// <summary>
/// One trace from <c>POST /api/events</c> through the grain calls to the outbound POST, whose
/// <c>traceparent</c> the receiver gets; a retry, started by a reminder, in a trace of its own linked
/// to the publish's. Spans are collected in process with the in-memory exporter.
/// </summary>
public sealed class TracingTests(LadderFixture platform) : IClassFixture<LadderFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly SpanCollection _spans = new();
    private TracerProvider _tracer = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _tracer = Sdk.CreateTracerProviderBuilder()
            .AddSource(PlatformTracing.Name)
            .AddSource(PlatformTracing.OrleansSources)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddInMemoryExporter(_spans)
            .Build()!;
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _tracer.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task OnePublishIsOneTraceFromTheGatewayThroughTheGrainsToTheReceiver()
    {
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/traced"), type);

        await platform.PublishAsync(new { id = "trace-1", type, data = new { } });
        await _receiver.WaitForRequestsAsync(1);

        // The receiver is told a trace and its parent span: they are the outbound POST of this publish.
        var traceparent = ActivityContext.Parse(_receiver.Received.Single().Header("traceparent"), null);
        var post = await _spans.WaitForAsync(s => s.TraceId == traceparent.TraceId && s.SpanId == traceparent.SpanId, Timeout);
        Assert.Equal(ActivityKind.Client, post.Kind);
        Assert.True(IsPostTo(post, "/traced"));
        var publish = await _spans.WaitForAsync(s => s.TraceId == traceparent.TraceId && s.Kind == ActivityKind.Server && s.DisplayName.Contains("/api/events", StringComparison.Ordinal), Timeout);
        Assert.Equal(ActivityTraceFlags.Recorded, traceparent.TraceFlags);
        Assert.Contains(publish, await AncestorsAsync(post));
        Assert.Equal($"trace-1:{endpointId}", _receiver.Received.Single().Header("webhook-id"));

        // On the way: the publisher, the event and the delivery, as grain calls of the one trace.
        foreach (var grainCall in new[] { "IEventPublisherGrain", "IEventGrain", "IDeliveryInternalGrain" })
        {
            await _spans.WaitForAsync(s => s.TraceId == publish.TraceId && s.DisplayName.Contains(grainCall, StringComparison.Ordinal), Timeout);
        }
    }

    [Fact]
    public async Task ARetryFromItsReminderIsItsOwnTraceLinkedToThePublish()
    {
        var calls = 0;
        _receiver.Behaviour = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? (500, "busy") : (200, "ok"));
        var type = await platform.NewEventTypeAsync();
        var (endpointId, _) = await platform.CreateEndpointAsync(_receiver.Url("/retried"), type);

        await platform.PublishAsync(new { id = "trace-2", type, data = new { } });
        await _receiver.WaitForRequestsAsync(2, Timeout);

        var publish = await _spans.WaitForAsync(s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("/api/events", StringComparison.Ordinal)
            && _receiver.Received[0].Header("traceparent").Contains(s.TraceId.ToHexString(), StringComparison.Ordinal), Timeout);
        var retry = await _spans.WaitForAsync(s => s.Source.Name == PlatformTracing.Name && s.DisplayName == "delivery retry"
            && (string?)s.GetTagItem("akademia.delivery.id") == $"trace-2:{endpointId}", Timeout);
        var retried = await _spans.WaitForAsync(s => s.Kind == ActivityKind.Client && s.TraceId == retry.TraceId && IsPostTo(s, "/retried"), Timeout);

        Assert.NotEqual(publish.TraceId, retry.TraceId);
        Assert.Equal(publish.TraceId, Assert.Single(retry.Links).Context.TraceId);
        Assert.Equal(2, retry.GetTagItem("akademia.delivery.attempt"));
        Assert.Equal(retry, (await AncestorsAsync(retried)).First(s => s.Source.Name == PlatformTracing.Name));
        Assert.Equal($"00-{retry.TraceId}-{retried.SpanId}-01", _receiver.Received[1].Header("traceparent"));
    }

    private static bool IsPostTo(Activity span, string path) =>
        span.GetTagItem("http.request.method") as string == "POST" && (span.GetTagItem("url.full")?.ToString() ?? string.Empty).Contains(path, StringComparison.Ordinal);

    /// <summary>The span's parents up to the trace's root, each awaited until exported (a parent ends after its child).</summary>
    private async Task<List<Activity>> AncestorsAsync(Activity span)
    {
        var ancestors = new List<Activity>();
        for (var current = span; current.ParentSpanId != default;)
        {
            var parentId = current.ParentSpanId;
            current = await _spans.WaitForAsync(s => s.TraceId == span.TraceId && s.SpanId == parentId, Timeout);
            ancestors.Add(current);
        }

        return ancestors;
    }
}
