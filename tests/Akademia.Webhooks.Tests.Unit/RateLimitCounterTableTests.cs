using Akademia.Webhooks.Grains.Monitoring;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class RateLimitCounterTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    [Fact]
    public void TheTableNeverHoldsMoreThanItsCapacity()
    {
        var table = new RateLimitCounterTable();
        for (var i = 0; i < 1000; i++)
        {
            table.Acquire($"standard|ip:10.0.{i / 256}.{i % 256}|/api/webhooks/{{id}}", 5, Window, 8, Now);
            Assert.InRange(table.Count, 1, 8);
        }

        Assert.Equal(992, table.Evictions);
    }

    [Fact]
    public void ADroppedCounterComesBackWithItsSpentShareAndItsWindow()
    {
        var table = new RateLimitCounterTable();
        for (var i = 0; i < 5; i++)
        {
            table.Acquire("hot", 5, Window, 2, Now);
        }

        table.Acquire("a", 5, Window, 2, Now);
        table.Acquire("b", 5, Window, 2, Now);
        var again = table.Acquire("hot", 5, Window, 2, Now.AddSeconds(10));

        Assert.False(again.Allowed);
        Assert.Equal(Now + Window, again.ResetAt);

        // After its window, the same client starts afresh.
        Assert.True(table.Acquire("hot", 5, Window, 2, Now + Window).Allowed);
    }
}
