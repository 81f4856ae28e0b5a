using Akademia.Webhooks.Grains.Attempts;
using Akademia.Webhooks.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Akademia.Webhooks.Tests.Unit;

/// <summary>The silo's drain of outbound attempts (<see cref="AttemptDrain"/>) and its settings (<see cref="ShutdownOptions"/>).</summary>
public sealed class AttemptDrainTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task AnAttemptThatEndsWithinTheWindowFinishesAndNoAttemptStartsOnceTheDrainBegan()
    {
        using var drain = Drain();
        var running = drain.TryBegin()!;

        var draining = drain.DrainAsync(CancellationToken.None);
        var refused = drain.TryBegin();
        Assert.False(draining.IsCompleted);
        running.Dispose();
        var counts = await draining;

        Assert.Null(refused);
        Assert.False(running.HandBack.IsCancellationRequested);
        Assert.Equal((1, 0, 1), counts);
        Assert.Equal(0, drain.InFlight);
    }

    [Fact]
    public async Task AnAttemptStillRunningWhenTheWindowEndsIsCancelledAndCountedAsHandedBack()
    {
        using var drain = Drain();
        var running = drain.TryBegin()!;
        running.HandBack.Register(() =>
        {
            running.MarkHandedBack();
            running.Dispose();
        });

        var draining = drain.DrainAsync(CancellationToken.None);
        _time.Advance(Window - TimeSpan.FromMilliseconds(1));
        Assert.False(running.HandBack.IsCancellationRequested);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var counts = await draining;

        Assert.True(running.HandBack.IsCancellationRequested);
        Assert.Equal((0, 1, 0), counts);
    }

    [Fact]
    public async Task TheHostsShutdownTimeoutEndsTheWindowEarly()
    {
        using var drain = Drain();
        var running = drain.TryBegin()!;
        running.HandBack.Register(() =>
        {
            running.MarkHandedBack();
            running.Dispose();
        });
        using var hostGaveUp = new CancellationTokenSource();

        var draining = drain.DrainAsync(hostGaveUp.Token);
        await hostGaveUp.CancelAsync();
        var counts = await draining;

        Assert.True(running.HandBack.IsCancellationRequested);
        Assert.Equal((0, 1, 0), counts);
    }

    [Fact]
    public async Task WithNothingInFlightTheDrainEndsAtOnce()
    {
        using var drain = Drain();

        Assert.Equal((0, 0, 0), await drain.DrainAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void TheDefaultsFitTheComposeGraceOf30Seconds()
    {
        var options = Bind([]);

        Assert.Equal(TimeSpan.FromSeconds(25), options.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(15), options.DrainTimeout);
    }

    [Fact]
    public void ADrainWindowThatLeavesNoTimeToLeaveTheClusterIsRefused()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Shutdown:Timeout"] = "00:00:10", ["Shutdown:DrainTimeout"] = "00:00:06" }));

        Assert.Contains("DrainTimeout", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void TheShutdownTimeoutIsTheHosts()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Shutdown:Timeout"] = "00:00:12", ["Shutdown:DrainTimeout"] = "00:00:04" });
        builder.AddBoundedShutdown("Test");
        using var provider = builder.Services.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(12), provider.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    private AttemptDrain Drain() =>
        new(Options.Create(new ShutdownOptions { DrainTimeout = Window }), _time, NullLogger<AttemptDrain>.Instance);

    private static ShutdownOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetValidated<ShutdownOptions, ShutdownOptionsValidator>(ShutdownOptions.Section);
}
