using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Reminders;
using Orleans.Reminders.Diagnostics;

namespace Akademia.Webhooks.Tests.Infrastructure;

/// <summary>
/// One <see cref="FakeTimeProvider"/> for what a retry ladder waits on: the reminder service's keyed
/// clock (<see cref="ReminderTimeProviderNames.Reminders"/>), the grain clock
/// (<see cref="TimeProviderNames.Grains"/>) and the unkeyed <see cref="TimeProvider"/> the platform's
/// grains take (due times, attempt timestamps). Orleans' own areas (messaging, membership, system
/// timers, activations, the directory) stay on real time, as in Orleans' <c>FakeTimeSilo</c>.
/// Tests wait on the reminder service's diagnostics (<see cref="ReminderEvents"/>) instead of polling:
/// a retry's tick wait is armed, then the clock moves.
/// </summary>
public sealed class ReminderClock : IObserver<ReminderEvents.ReminderEvent>, IDisposable
{
    private readonly List<ReminderEvents.ReminderEvent> _events = [];
    private readonly IDisposable _subscription;
    private readonly IDisposable _serviceSubscription;
    private readonly List<SiloAddress> _started = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReminderClock()
    {
        _subscription = ReminderEvents.AllEvents.Subscribe(this);
        _serviceSubscription = ReminderEvents.ServiceEvents.Subscribe(new ServiceObserver(this));
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Registers the clock in a silo (see the class summary for which clocks).</summary>
    public void Register(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
        services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, Time);
        services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, Time);
        foreach (var area in new[] { TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.Membership, TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory })
        {
            services.AddKeyedSingleton<TimeProvider>(area, TimeProvider.System);
        }
    }

    /// <summary>
    /// Waits until <paramref name="grain"/>'s reminder has been registered (or updated) at least
    /// <paramref name="count"/> times and the reminder service waits on this clock for the tick the
    /// last registration scheduled.
    /// </summary>
    public Task WaitUntilArmedAsync(GrainId grain, int count, TimeSpan timeout) =>
        WaitForAsync(() => ArmedAfterRegistration(grain, count), timeout, $"registration {count} of {grain}'s reminder was not armed");

    private async Task WaitForAsync(Func<bool> holds, TimeSpan timeout, string failure)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_events)
            {
                if (holds())
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                lock (_events)
                {
                    Assert.Fail($"{failure} within {timeout}; reminder events: "
                        + string.Join(", ", _events.Select(e => $"{e.GetType().Name} {e.GrainId}")));
                }
            }
        }
    }

    /// <summary>Waits until <paramref name="grain"/>'s reminder is unregistered (a delivery that ended disarms its retry).</summary>
    public Task WaitUntilUnregisteredAsync(GrainId grain, TimeSpan timeout) =>
        WaitForAsync(() => _events.Any(e => e is ReminderEvents.Unregistered && e.GrainId == grain), timeout, $"{grain}'s reminder was not unregistered");

    /// <summary>
    /// Waits until the reminder service of each of <paramref name="silos"/> has started. Its first
    /// read of the table is immediate, but when that fails (the table grain is not yet placeable)
    /// it retries on its refresh timer, which runs on this clock: so the clock is moved one refresh
    /// period at a time until each silo reports the start. Only at start-up, before any test.
    /// </summary>
    public async Task WaitUntilServicesStartedAsync(IReadOnlyCollection<SiloAddress> silos, TimeSpan refreshPeriod)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Task changed;
            lock (_events)
            {
                if (silos.All(_started.Contains))
                {
                    return;
                }

                changed = _changed.Task;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the reminder service did not start on {string.Join(", ", silos)}");
            }

            if (await Task.WhenAny(changed, Task.Delay(TimeSpan.FromMilliseconds(200))) != changed)
            {
                await AdvanceAsync(refreshPeriod);
            }
        }
    }

    /// <summary>The reminder events so far, of <paramref name="grain"/> or all, for a failure message.</summary>
    public string Describe(GrainId? grain = null)
    {
        lock (_events)
        {
            return string.Join(", ", _events.Where(e => grain is null || e.GrainId == grain).Select(e => e switch
            {
                ReminderEvents.LocalReminderScheduleChanged c => $"ScheduleChanged v{c.ScheduleVersion}",
                ReminderEvents.LocalReminderTickWaitArmed a => $"TickWaitArmed v{a.ScheduleVersion}",
                _ => e.GetType().Name,
            }));
        }
    }

    /// <summary>Moves the clock off the test's thread: timers due run inside <see cref="FakeTimeProvider.Advance"/>.</summary>
    public Task AdvanceAsync(TimeSpan duration) => Task.Run(() => Time.Advance(duration)).WaitAsync(TimeSpan.FromSeconds(30));

    // The schedule a registration made is the last one changed (or started) before it; the service
    // may arm that schedule's wait before or after it reports the registration.
    private bool ArmedAfterRegistration(GrainId grain, int count)
    {
        var seen = 0;
        var registeredAt = -1;
        for (var i = 0; i < _events.Count; i++)
        {
            if (_events[i] is ReminderEvents.Registered && _events[i].GrainId == grain)
            {
                seen++;
                registeredAt = i;
            }
        }

        if (seen < count)
        {
            return false;
        }

        long? version = null;
        object? identity = null;
        for (var i = registeredAt; i >= 0; i--)
        {
            if (_events[i].GrainId != grain)
            {
                continue;
            }

            if (_events[i] is ReminderEvents.LocalReminderScheduleChanged changed)
            {
                (version, identity) = (changed.ScheduleVersion, changed.Identity);
                break;
            }

            if (_events[i] is ReminderEvents.LocalReminderStarted started)
            {
                identity = started.Identity;
                break;
            }
        }

        return _events.Any(e => e is ReminderEvents.LocalReminderTickWaitArmed armed && armed.GrainId == grain
            && ReferenceEquals(armed.Identity, identity) && (version is null || armed.ScheduleVersion == version));
    }

    public void OnNext(ReminderEvents.ReminderEvent value)
    {
        TaskCompletionSource changed;
        lock (_events)
        {
            _events.Add(value);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public void OnError(Exception error)
    {
    }

    public void OnCompleted()
    {
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _serviceSubscription.Dispose();
    }

    private void Started(SiloAddress? silo)
    {
        TaskCompletionSource changed;
        lock (_events)
        {
            if (silo is not null)
            {
                _started.Add(silo);
            }

            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private sealed class ServiceObserver(ReminderClock clock) : IObserver<ReminderEvents.ReminderServiceEvent>
    {
        public void OnNext(ReminderEvents.ReminderServiceEvent value)
        {
            if (value is ReminderEvents.ReminderServiceStarted)
            {
                clock.Started(value.SiloAddress);
            }
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
