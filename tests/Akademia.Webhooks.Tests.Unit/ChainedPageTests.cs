using Akademia.Webhooks.Grains.Paging;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class ChainedPageTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static bool Place((string Id, DateTimeOffset At)[] items, (string Id, DateTimeOffset At) item, out (string Id, DateTimeOffset At)[]? next) =>
        ChainedPage.TryPlace(items, item, i => i.Id, i => i.At, capacity: 2, out next);

    [Fact]
    public void ANewRecordIsAppendedWhileThereIsRoom()
    {
        Assert.True(Place([("a", At)], ("b", At), out var next));
        Assert.Equal([("a", At), ("b", At)], next!);
    }

    [Fact]
    public void AFullPageRefusesANewRecordButStillReplacesOneItLists()
    {
        (string, DateTimeOffset)[] full = [("a", At), ("b", At)];
        Assert.False(Place(full, ("c", At), out var refused));
        Assert.Null(refused);

        Assert.True(Place(full, ("b", At.AddSeconds(1)), out var replaced));
        Assert.Equal([("a", At), ("b", At.AddSeconds(1))], replaced!);
    }

    [Fact]
    public void AnOlderVersionNeverReplacesANewerOneAndChangesNothing()
    {
        (string, DateTimeOffset)[] items = [("a", At)];
        Assert.True(Place(items, ("a", At.AddSeconds(-1)), out var next));
        Assert.Null(next);
        Assert.Null(ChainedPage.Replace(items, ("a", At.AddSeconds(-1)), i => i.Item1, i => i.Item2));
    }

    [Fact]
    public void ReplacingARecordThatIsNotListedChangesNothing() =>
        Assert.Null(ChainedPage.Replace([("a", At)], ("z", At), i => i.Item1, i => i.Item2));

    [Fact]
    public void AnEqualVersionReplacesSoThatTwoChangesInOneTickBothLand()
    {
        Assert.True(Place([("a", At)], ("a", At), out var next));
        Assert.Equal([("a", At)], next!);
    }
}
