using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Akademia.Webhooks.Testing;

public sealed record ReceivedRequest(string Path, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset ReceivedAt)
{
    public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : throw new KeyNotFoundException(name);
}

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel). Each request is recorded, then answered by the
/// current behaviour, which a test can change at any time.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly List<(Func<ReceivedRequest, bool> Match, int Count, TaskCompletionSource Done)> _waiters = [];
    private readonly CancellationTokenSource _stopping = new();
    private int _inFlight;
    private int _maxInFlight;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Answers each request: status and body. Defaults to 200 "ok".</summary>
    public Func<ReceivedRequest, CancellationToken, Task<(int Status, string Body)>> Behaviour { get; set; } =
        (_, _) => Task.FromResult((200, "ok"));

    /// <summary>Headers to add to the answer of a request, such as <c>Retry-After</c>.</summary>
    public Func<ReceivedRequest, IEnumerable<KeyValuePair<string, string>>>? ResponseHeaders { get; set; }

    public string BaseUrl { get; private set; } = "";

    public string Url(string path = "/hook") => BaseUrl + path;

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    public void RespondWith(int status, string body = "") => Behaviour = (_, _) => Task.FromResult((status, body));

    /// <summary>Never answers until the client gives up or the receiver stops.</summary>
    public void Hang() => Behaviour = async (_, cancel) =>
    {
        await Task.Delay(Timeout.Infinite, cancel);
        return (200, "");
    };

    public Task WaitForRequestsAsync(int count, TimeSpan? timeout = null) => WaitForRequestsAsync(_ => true, count, timeout);

    /// <summary>Completes once <paramref name="count"/> requests that <paramref name="match"/> have arrived.</summary>
    public Task WaitForRequestsAsync(Func<ReceivedRequest, bool> match, int count, TimeSpan? timeout = null)
    {
        Task task;
        lock (_waiters)
        {
            if (_received.Count(match) >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, count, done));
            task = done.Task;
        }

        return task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
    }

    private async Task HandleAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        UpdateMax(inFlight);
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            var request = new ReceivedRequest(context.Request.Path, headers, body, DateTimeOffset.UtcNow);
            lock (_waiters)
            {
                _received.Enqueue(request);
                foreach (var waiter in _waiters.Where(w => _received.Count(w.Match) >= w.Count).ToList())
                {
                    waiter.Done.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }

            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            var (status, responseBody) = await Behaviour(request, cancel.Token);
            context.Response.StatusCode = status;
            foreach (var (name, value) in ResponseHeaders?.Invoke(request) ?? [])
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsync(responseBody, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void UpdateMax(int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, value, current) != current)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
