using Akademia.Webhooks.Grains.Paging;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class ChainedPageListingTests
{
    // Three pages of records named by their place; negative numbers stand for deleted records.
    private static readonly int[][] Pages = [[1, 2, 3], [-4, -5, 6], [7, 8]];

    private static Task<(int[] Items, string? NextCursor)> Read(long page, int offset, int limit, int maxPages = 10) =>
        ChainedPageListing.ReadAsync(n => Task.FromResult(Pages[n]), Pages.Length - 1, page, offset, limit, maxPages, r => r > 0);

    [Fact]
    public async Task AListingReadsOldestFirstAndSkipsExcludedRecords()
    {
        var (items, next) = await Read(0, 0, 100);

        Assert.Equal([1, 2, 3, 6, 7, 8], items);
        Assert.Null(next);
    }

    [Fact]
    public async Task AFullListingAnswersTheCursorOfTheNextRecordAndItContinuesThere()
    {
        var (first, next) = await Read(0, 0, 4);
        Assert.Equal([1, 2, 3, 6], first);
        Assert.Equal("2.0", next);

        Assert.True(ChainedPageCursor.TryParse(next!, out var page, out var offset));
        var (rest, end) = await Read(page, offset, 4);
        Assert.Equal([7, 8], rest);
        Assert.Null(end);
    }

    [Fact]
    public async Task AListingStopsAfterItsPageBudgetWithACursorEvenWhenShort()
    {
        var (items, next) = await Read(0, 0, 100, maxPages: 2);

        Assert.Equal([1, 2, 3, 6], items);
        Assert.Equal("2.0", next);
    }

    [Theory]
    [InlineData(0L, 0)]
    [InlineData(12L, 99)]
    [InlineData(3_000_000_000L, 7)]
    public void ACursorParsesBackToItsPageAndOffset(long page, int offset)
    {
        Assert.True(ChainedPageCursor.TryParse(ChainedPageCursor.Format(page, offset), out var p, out var o));
        Assert.Equal((page, offset), (p, o));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.2.3")]
    [InlineData("-1.0")]
    [InlineData("a.b")]
    public void AForeignCursorDoesNotParse(string cursor)
    {
        Assert.False(ChainedPageCursor.TryParse(cursor, out _, out _));
    }
}
