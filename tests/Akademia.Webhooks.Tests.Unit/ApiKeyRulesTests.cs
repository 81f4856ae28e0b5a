using Akademia.Webhooks.Grains.ApiKeys;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class ApiKeyRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    private static ApiKeyDefinition Valid => new()
    {
        Name = "lms integration",
        Role = "publisher",
        Digest = ApiKeyTokens.Digest(ApiKeyTokens.New()),
    };

    [Theory]
    [InlineData("admin")]
    [InlineData("publisher")]
    [InlineData("reader")]
    public void AKeyOfEachRoleWithAnExpiryAndAnApplicationPasses(string role)
    {
        var errors = ApiKeyRules.Check(Valid with { Role = role, ApplicationId = "app_0123", ExpiresAt = Now.AddDays(30) }, Now);

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("   ", "is required")]
    [InlineData("two\nlines", "must not contain control characters")]
    public void ABlankNameOrOneWithControlCharactersIsRefused(string name, string problem)
    {
        var errors = ApiKeyRules.Check(Valid with { Name = name }, Now);

        Assert.Equal(problem, Assert.Single(errors, e => e.Key == "name").Value);
    }

    [Fact]
    public void ANameOverOneHundredCharactersIsRefusedAndOneOfOneHundredPasses()
    {
        Assert.Empty(ApiKeyRules.Check(Valid with { Name = new string('n', 100) }, Now));
        Assert.Equal("must be at most 100 characters", ApiKeyRules.Check(Valid with { Name = new string('n', 101) }, Now)["name"]);
    }

    [Theory]
    [InlineData("root")]
    [InlineData("Admin")]
    [InlineData("portal")]
    public void ARoleOutsideTheThreeIsRefusedAndThePortalRoleCannotBeGivenToAKey(string role)
    {
        var errors = ApiKeyRules.Check(Valid with { Role = role }, Now);

        Assert.Equal("must be one of admin, publisher, reader", errors["role"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("app one")]
    [InlineData("app/one")]
    public void AnApplicationIdIsValidatedLikeAnEventId(string applicationId)
    {
        var errors = ApiKeyRules.Check(Valid with { ApplicationId = applicationId }, Now);

        Assert.Equal("must be 1-128 characters of letters, digits, '_', '-' or ':'", errors["applicationId"]);
    }

    [Fact]
    public void AnExpiryThatIsNotInTheFutureIsRefused()
    {
        Assert.Equal("must be in the future", ApiKeyRules.Check(Valid with { ExpiresAt = Now }, Now)["expiresAt"]);
        Assert.Equal("must be in the future", ApiKeyRules.Check(Valid with { ExpiresAt = Now.AddSeconds(-1) }, Now)["expiresAt"]);
    }

    [Fact]
    public void AnExpiryMoreThanTenYearsAwayIsRefusedAndTenYearsPasses()
    {
        Assert.Empty(ApiKeyRules.Check(Valid with { ExpiresAt = Now + ApiKeyRules.MaxLifetime }, Now));
        Assert.StartsWith("must be at most 10 years away", ApiKeyRules.Check(Valid with { ExpiresAt = Now + ApiKeyRules.MaxLifetime + TimeSpan.FromSeconds(1) }, Now)["expiresAt"], StringComparison.Ordinal);
    }

    [Fact]
    public void ADigestThatIsNotThirtyTwoBytesIsRefused()
    {
        var errors = ApiKeyRules.Check(Valid with { Digest = new byte[16] }, Now);

        Assert.Equal("must be the 32-byte SHA-256 of the key", errors["digest"]);
    }
}
