using Akademia.Webhooks.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>
/// Builds a test silo as the real silo is built (<c>AddWebhookStorage</c>, <c>AddWebhookPlatform</c>),
/// with test reminder periods, and applies the parts of its fixture's <see cref="PlatformTestOptions"/>
/// that are services rather than configuration (fake clocks, counted storage).
/// </summary>
public sealed class PlatformSiloConfigurator : ISiloConfigurator
{
    /// <summary>The configuration key that names the silo's fixture.</summary>
    public const string FixtureKey = "Testing:Fixture";

    /// <summary>How often the reminder service re-reads its table.</summary>
    public static readonly TimeSpan ReminderRefreshPeriod = TimeSpan.FromSeconds(2);

    public void Configure(ISiloBuilder siloBuilder)
    {
        var options = PlatformFixture.OptionsOf(siloBuilder.Configuration[FixtureKey]!);
        var storage = Enum.Parse<StorageMode>(siloBuilder.Configuration["Cluster:Storage"] ?? nameof(StorageMode.Memory));
        siloBuilder.AddWebhookStorage(storage, siloBuilder.Configuration["Cluster:RedisConnectionString"]);
        siloBuilder.Configure<ReminderOptions>(o =>
        {
            o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(500);
            // Reminders registered by a silo that died are picked up on the next refresh.
            o.RefreshReminderListPeriod = ReminderRefreshPeriod;
            // On a fake clock the specification's ladder (up to 2 h) runs: every step is loaded at once.
            o.ReminderLoadingWindow = options.Clock is null ? TimeSpan.FromMinutes(10) : TimeSpan.FromDays(1);
        });
        siloBuilder.AddWebhookPlatform(siloBuilder.Configuration);
        if (options.GrainClock is { } grainClock)
        {
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, grainClock);
        }

        if (options.Logs is { } logs)
        {
            siloBuilder.Services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs));
        }

        options.Clock?.Register(siloBuilder.Services);
        if (options.CountStorageWrites)
        {
            CountingStorageSiloConfigurator.Wrap(siloBuilder.Services);
        }

        if (options.StorageFaults is { } faults)
        {
            FaultInjectingGrainStorage.Wrap(siloBuilder.Services, faults);
        }

        if (options.CountGrainCalls)
        {
            GrainCallCounter.Register(siloBuilder.Services);
        }
    }
}

public static class Eventually
{
    /// <summary>Re-checks an observable condition until it holds; fails with a description otherwise.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Condition did not hold within {timeout}: {describe()}");
            }

            await Task.Delay(25);
        }
    }
}
