using Akademia.Webhooks.Grains.Applications;
using Akademia.Webhooks.Grains.Events;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class ApplicationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("school-42")]
    [InlineData("app_0123456789abcdefghijklmnop")]
    [InlineData("tenant:eu_1")]
    public void AnIdShapedLikeAnEventIdIsAccepted(string id)
    {
        Assert.Empty(ApplicationRules.CheckDefinition(id, new ApplicationDefinition { Name = "School" }));
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("has space", "must be 1-128 characters of letters, digits, '_', '-' or ':'")]
    [InlineData("a/b", "must be 1-128 characters of letters, digits, '_', '-' or ':'")]
    public void AMalformedIdIsRejected(string id, string problem)
    {
        Assert.Equal(problem, ApplicationRules.CheckDefinition(id, new ApplicationDefinition { Name = "School" })["id"]);
    }

    [Fact]
    public void AGeneratedIdIsValid()
    {
        Assert.Null(ApplicationRules.CheckId(ApplicationIds.New()));
    }

    [Fact]
    public void AnIdOver128CharactersIsRejected()
    {
        Assert.NotNull(ApplicationRules.CheckId(new string('a', 129)));
        Assert.Null(ApplicationRules.CheckId(new string('a', 128)));
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("   ", "is required")]
    public void ABlankNameIsRejected(string name, string problem)
    {
        Assert.Equal(problem, ApplicationRules.CheckDefinition("a", new ApplicationDefinition { Name = name })["name"]);
    }

    [Fact]
    public void ANameOver256CharactersIsRejected()
    {
        var errors = ApplicationRules.CheckDefinition("a", new ApplicationDefinition { Name = new string('n', 257) });
        Assert.Equal("must be at most 256 characters", errors["name"]);
    }

    [Fact]
    public void MetadataPastItsBoundsIsRejected()
    {
        var tooMany = Enumerable.Range(0, 17).ToDictionary(i => $"k{i}", i => "v");
        Assert.Equal("must have at most 16 entries", ApplicationRules.CheckDefinition("a", new ApplicationDefinition { Name = "n", Metadata = tooMany })["metadata"]);

        var longKey = new Dictionary<string, string> { [new string('k', 65)] = "v" };
        Assert.Equal("keys must be 1-64 characters", ApplicationRules.CheckDefinition("a", new ApplicationDefinition { Name = "n", Metadata = longKey })["metadata"]);

        var longValue = new Dictionary<string, string> { ["k"] = new string('v', 257) };
        Assert.Equal("must be a string of at most 256 characters", ApplicationRules.CheckDefinition("a", new ApplicationDefinition { Name = "n", Metadata = longValue })["metadata.k"]);
    }

    [Theory]
    [InlineData(0, 60, "rateLimit.limit")]
    [InlineData(1_000_001, 60, "rateLimit.limit")]
    [InlineData(10, 0, "rateLimit.window")]
    [InlineData(10, 86_401, "rateLimit.window")]
    public void ARateLimitOutsideItsBoundsIsRejected(int limit, int windowSeconds, string field)
    {
        var definition = new ApplicationDefinition { Name = "n", RateLimit = new ApplicationRateLimit { Limit = limit, Window = TimeSpan.FromSeconds(windowSeconds) } };
        Assert.Equal([field], ApplicationRules.CheckDefinition("a", definition).Keys);
    }

    [Theory]
    [InlineData("00:00:59")]
    [InlineData("00:00:00")]
    [InlineData("-00:01:00")]
    [InlineData("3650.00:00:01")]
    public void ARetentionOutside1MinuteTo10YearsIsRejected(string value)
    {
        var retention = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        const string Problem = "must be between 1 minute (00:01:00) and 10 years (3650.00:00:00)";

        Assert.Equal(Problem, ApplicationRules.CheckDefinition("a", new ApplicationDefinition { Name = "n", Retention = retention })["retention"]);
        Assert.Equal(Problem, ApplicationRules.CheckPatch(new ApplicationPatch { Retention = retention })["retention"]);
    }

    [Theory]
    [InlineData("00:01:00")]
    [InlineData("30.00:00:00")]
    [InlineData("3650.00:00:00")]
    public void ARetentionWithinItsBoundsIsAccepted(string value) =>
        Assert.Empty(ApplicationRules.CheckDefinition("a", new ApplicationDefinition { Name = "n", Retention = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) }));

    [Fact]
    public void APatchSetsOrRemovesTheRetentionAndCannotDoBoth()
    {
        var created = ApplicationRules.Create("a", new ApplicationDefinition { Name = "n", Retention = TimeSpan.FromDays(7) }, Now);

        Assert.Equal(TimeSpan.FromDays(7), ApplicationRules.Apply(created, new ApplicationPatch { Name = "m" }, Now).Retention);
        Assert.Equal(TimeSpan.FromDays(1), ApplicationRules.Apply(created, new ApplicationPatch { Retention = TimeSpan.FromDays(1) }, Now).Retention);
        Assert.Null(ApplicationRules.Apply(created, new ApplicationPatch { RemoveRetention = true }, Now).Retention);
        Assert.Equal("cannot be set and removed at once", ApplicationRules.CheckPatch(new ApplicationPatch { Retention = TimeSpan.FromDays(1), RemoveRetention = true })["retention"]);
    }

    [Fact]
    public void APatchCannotSetAndRemoveTheRateLimitAtOnce()
    {
        var patch = new ApplicationPatch { RateLimit = new ApplicationRateLimit { Limit = 5, Window = TimeSpan.FromMinutes(1) }, RemoveRateLimit = true };
        Assert.Equal("cannot be set and removed at once", ApplicationRules.CheckPatch(patch)["rateLimit"]);
    }

    [Fact]
    public void APatchChangesOnlyWhatItNames()
    {
        var limit = new ApplicationRateLimit { Limit = 5, Window = TimeSpan.FromMinutes(1) };
        var created = ApplicationRules.Create("a", new ApplicationDefinition { Name = "Old", Metadata = new() { ["k"] = "v" }, RateLimit = limit }, Now);

        var renamed = ApplicationRules.Apply(created, new ApplicationPatch { Name = "New" }, Now.AddMinutes(1));
        Assert.Equal(("New", "v", limit, Now, Now.AddMinutes(1)), (renamed.Name, renamed.Metadata["k"], renamed.RateLimit, renamed.CreatedAt, renamed.UpdatedAt));

        var unlimited = ApplicationRules.Apply(renamed, new ApplicationPatch { RemoveRateLimit = true }, Now.AddMinutes(2));
        Assert.Null(unlimited.RateLimit);
        Assert.Equal("New", unlimited.Name);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 17)]
    [InlineData(12345, 99)]
    public void ACursorParsesBackToItsPageAndOffset(int page, int offset)
    {
        Assert.True(ApplicationRules.TryParseCursor(ApplicationRules.FormatCursor(page, offset), out var p, out var o));
        Assert.Equal((page, offset), (p, o));
    }

    [Theory]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("-1.0")]
    [InlineData("a.b")]
    [InlineData("1.2.3")]
    public void AForeignCursorDoesNotParse(string cursor)
    {
        Assert.False(ApplicationRules.TryParseCursor(cursor, out _, out _));
    }

    [Fact]
    public void TheDefaultApplicationsEventsKeepTheirPlainIdAsGrainKey()
    {
        Assert.Equal("evt_1", EventKeys.For(ApplicationIds.Default, "evt_1"));
        Assert.Equal((ApplicationIds.Default, "evt_1"), EventKeys.Parse("evt_1"));
    }

    [Fact]
    public void AnotherApplicationsEventKeyNamesTheApplicationAndParsesBack()
    {
        Assert.Equal("school-a/evt:1", EventKeys.For("school-a", "evt:1"));
        Assert.Equal(("school-a", "evt:1"), EventKeys.Parse("school-a/evt:1"));
    }
}
