using System.Net;
using Akademia.Webhooks.Grains.Endpoints;
using Akademia.Webhooks.Grains.Security;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class EndpointRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly DestinationPolicy Strict = DestinationPolicy.Strict;

    private static bool AnyTypeIsKnown(string name) => true;

    private static EndpointDefinition Definition(string url = "https://example.com/hook") => new() { Url = url, Events = ["grade.created"] };

    [Theory]
    [InlineData("http://example.com/hook")]
    [InlineData("https://example.com:8443/a/b?c=d&e=f")]
    [InlineData("http://127.0.0.1:5000/hook")]
    [InlineData("http://[::1]:8080/hook")]
    [InlineData("HTTPS://EXAMPLE.COM/")]
    public void AbsoluteHttpUrlIsAccepted(string url)
    {
        Assert.Null(EndpointRules.CheckUrl(url));
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "is required")]
    [InlineData("  ", "is required")]
    [InlineData("/relative/hook", "must be an absolute http or https URL")]
    [InlineData("example.com/hook", "must be an absolute http or https URL")]
    [InlineData("ftp://example.com/hook", "must be an absolute http or https URL")]
    [InlineData("ws://example.com/hook", "must be an absolute http or https URL")]
    [InlineData("file:///etc/passwd", "must be an absolute http or https URL")]
    [InlineData("http://", "must be an absolute http or https URL")]
    [InlineData("http://u:p@example.com/hook", "must not contain user info")]
    [InlineData("https://token@example.com/hook", "must not contain user info")]
    public void UrlThatIsNotAnAbsoluteHttpUrlWithoutUserInfoIsRejected(string? url, string problem)
    {
        Assert.Equal(problem, EndpointRules.CheckUrl(url));
    }

    [Fact]
    public void UrlIsAtMost2048Characters()
    {
        var longest = "https://example.com/" + new string('a', 2048 - 20);

        Assert.Equal(2048, longest.Length);
        Assert.Null(EndpointRules.CheckUrl(longest));
        Assert.Equal("must be at most 2048 characters", EndpointRules.CheckUrl(longest + "a"));
    }

    [Theory]
    [InlineData("host")]
    [InlineData("Host")]
    [InlineData("content-length")]
    [InlineData("Content-Type")]
    [InlineData("transfer-encoding")]
    [InlineData("Connection")]
    [InlineData("User-Agent")]
    [InlineData("X-Webhook-Signature")]
    [InlineData("X-WEBHOOK-ID")]
    [InlineData("x-webhook-timestamp")]
    [InlineData("webhook-signature")]
    [InlineData("Webhook-Id")]
    [InlineData("webhook-timestamp")]
    public void ReservedHeaderNameIsRejected(string name)
    {
        var errors = new Dictionary<string, string>();

        EndpointRules.CheckHeaders(new() { [name] = "value" }, errors);

        Assert.Equal(new Dictionary<string, string> { [$"headers.{name}"] = "is reserved by the platform" }, errors);
    }

    [Theory]
    [InlineData("a\rb")]
    [InlineData("a\nb")]
    [InlineData("a\r\nX-Injected: 1")]
    [InlineData("a\0b")]
    public void HeaderValueWithCrLfOrNulIsRejected(string value)
    {
        var errors = new Dictionary<string, string>();

        EndpointRules.CheckHeaders(new() { ["X-Tenant"] = value }, errors);

        Assert.Equal(new Dictionary<string, string> { ["headers.X-Tenant"] = "must not contain CR, LF or NUL" }, errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("X Tenant")]
    [InlineData("X-Tenant:")]
    [InlineData("X-Ténant")]
    [InlineData("X\r\nY")]
    [InlineData("X-Tenant\n")]
    public void MalformedHeaderNameIsRejected(string name)
    {
        var errors = new Dictionary<string, string>();

        EndpointRules.CheckHeaders(new() { [name] = "value" }, errors);

        Assert.Equal(new Dictionary<string, string> { [$"headers.{name}"] = "is not a valid header name" }, errors);
    }

    [Fact]
    public void HeaderValueMustBePresentAndAtMost4096Characters()
    {
        var errors = new Dictionary<string, string>();

        EndpointRules.CheckHeaders(new()
        {
            ["X-Null"] = null!,
            ["X-Long"] = new string('v', 4097),
            ["X-Longest"] = new string('v', 4096),
            ["X-Empty"] = "",
        }, errors);

        Assert.Equal(new Dictionary<string, string>
        {
            ["headers.X-Null"] = "must have a value",
            ["headers.X-Long"] = "must be at most 4096 characters",
        }, errors);
    }

    [Fact]
    public void AtMost20CustomHeadersAreAllowed()
    {
        var twenty = Enumerable.Range(0, 20).ToDictionary(i => $"X-H{i}", _ => "v");
        var errors = new Dictionary<string, string>();

        EndpointRules.CheckHeaders(twenty, errors);
        Assert.Empty(errors);

        twenty["X-H20"] = "v";
        EndpointRules.CheckHeaders(twenty, errors);
        Assert.Equal(new Dictionary<string, string> { ["headers"] = "at most 20 custom headers" }, errors);
    }

    [Fact]
    public void NoHeadersIsValid()
    {
        var errors = new Dictionary<string, string>();

        EndpointRules.CheckHeaders(null, errors);
        EndpointRules.CheckHeaders([], errors);

        Assert.Empty(errors);
    }

    [Fact]
    public void ReservedNamesIncludeThePlatformSignatureAndFramingHeaders()
    {
        Assert.Superset(
            new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "host", "content-length", "transfer-encoding", "x-webhook-signature", "webhook-signature" },
            EndpointRules.ReservedHeaderNames.ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void EventsNameEachUnknownOrMalformedEntry()
    {
        var errors = new Dictionary<string, string>();

        EndpointRules.CheckEvents(["grade.created", "*", "no.such_type", "Bad Name", null!], errors, name => name == "grade.created");

        Assert.Equal(new Dictionary<string, string>
        {
            ["events[2]"] = "unknown event type 'no.such_type'",
            ["events[3]"] = "must match ^[a-z0-9_]+(\\.[a-z0-9_]+)+$",
            ["events[4]"] = "is required",
        }, errors);
    }

    [Fact]
    public void EventsListIsNotEmptyAndAtMost256Long()
    {
        var none = new Dictionary<string, string>();
        var empty = new Dictionary<string, string>();
        var tooMany = new Dictionary<string, string>();
        var most = new Dictionary<string, string>();

        EndpointRules.CheckEvents(null, none, _ => true);
        EndpointRules.CheckEvents([], empty, _ => true);
        EndpointRules.CheckEvents(Enumerable.Repeat("a.b", 257).ToArray(), tooMany, _ => true);
        EndpointRules.CheckEvents(Enumerable.Repeat("a.b", 256).ToArray(), most, _ => true);

        Assert.Equal(["events"], none.Keys);
        Assert.Equal(["events"], empty.Keys);
        Assert.Equal(new Dictionary<string, string> { ["events"] = "must list at most 256 event types" }, tooMany);
        Assert.Empty(most);
    }

    [Fact]
    public void SecretIsOptionalButMustBeWellFormed()
    {
        var absent = new Dictionary<string, string>();
        var good = new Dictionary<string, string>();
        var bad = new Dictionary<string, string>();

        EndpointRules.CheckSecret(null, absent);
        EndpointRules.CheckSecret("whsec_" + Convert.ToBase64String(new byte[32]), good);
        EndpointRules.CheckSecret("whsec_" + Convert.ToBase64String(new byte[24]), bad);

        Assert.Empty(absent);
        Assert.Empty(good);
        Assert.Equal(["secret"], bad.Keys);
    }

    [Theory]
    [InlineData("ep_1")]
    [InlineData("A-Z_a-z-0-9")]
    [InlineData("e")]
    public void IdOfLettersDigitsUnderscoreOrDashIsAccepted(string id)
    {
        Assert.Empty(EndpointRules.CheckDefinition(id, Definition(), Strict, AnyTypeIsKnown));
    }

    [Theory]
    [InlineData("ep 1")]
    [InlineData("ep.1")]
    [InlineData("ep:1")]
    [InlineData("ep_1\n")]
    [InlineData("")]
    public void IdWithOtherCharactersIsRejected(string id)
    {
        Assert.Equal(
            new Dictionary<string, string> { ["id"] = "must be 1-64 letters, digits, '_' or '-'" },
            EndpointRules.CheckDefinition(id, Definition(), Strict, AnyTypeIsKnown));
    }

    [Fact]
    public void IdIsAtMost64Characters()
    {
        Assert.Empty(EndpointRules.CheckDefinition(new string('e', 64), Definition(), Strict, AnyTypeIsKnown));
        Assert.Equal(["id"], EndpointRules.CheckDefinition(new string('e', 65), Definition(), Strict, AnyTypeIsKnown).Keys);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/hook", "127.0.0.1")]
    [InlineData("http://10.1.2.3/hook", "10.1.2.3")]
    [InlineData("http://169.254.169.254/latest/meta-data", "169.254.169.254")]
    [InlineData("http://[::1]:8080/hook", "::1")]
    [InlineData("http://[::ffff:127.0.0.1]/hook", "::ffff:127.0.0.1")]
    public void UrlAtAPrivateLiteralAddressIsRefused(string url, string address)
    {
        var errors = new Dictionary<string, string>();

        EndpointRules.CheckUrl(url, "url", Strict, errors);

        Assert.Equal(new Dictionary<string, string>
        {
            ["url"] = $"points at {address}, a private, loopback or reserved address that deliveries may not reach",
        }, errors);
    }

    [Theory]
    [InlineData("http://localhost/hook")]
    [InlineData("https://internal.example/hook")]
    [InlineData("https://93.184.216.34/hook")]
    public void UrlWithAHostnameOrAPublicAddressIsAccepted(string url)
    {
        var errors = new Dictionary<string, string>();

        EndpointRules.CheckUrl(url, "url", Strict, errors);

        Assert.Empty(errors);
    }

    [Fact]
    public void AllowedNetworkLetsItsLiteralAddressesThrough()
    {
        var loopback = new DestinationPolicy([IPNetwork.Parse("127.0.0.0/8")]);
        var errors = new Dictionary<string, string>();

        EndpointRules.CheckUrl("http://127.0.0.1:5000/hook", "url", loopback, errors);
        EndpointRules.CheckUrl("http://10.0.0.1/hook", "failoverUrl", loopback, errors);

        Assert.Equal(["failoverUrl"], errors.Keys);
    }

    [Fact]
    public void DefinitionErrorsAreNamedByFieldInTheOrderOfTheFields()
    {
        var definition = new EndpointDefinition
        {
            Url = "ftp://example.com/hook",
            Events = ["no.such_type"],
            Description = new string('d', 1025),
            Headers = new() { ["Host"] = "example.com" },
            Secret = "whsec_short",
            RetryPolicy = new RetryPolicy { MaxAttempts = 0 },
            FailoverUrl = "http://10.0.0.1/hook",
            Sla = new EndpointSla { MinAvailability = 101, MaxResponseTimeMs = 0 },
            RateLimit = new EndpointRateLimit { PerSecond = 0 },
        };

        var errors = EndpointRules.CheckDefinition("bad id", definition, Strict, _ => false);

        Assert.Equal(new Dictionary<string, string>
        {
            ["id"] = "must be 1-64 letters, digits, '_' or '-'",
            ["url"] = "must be an absolute http or https URL",
            ["events[0]"] = "unknown event type 'no.such_type'",
            ["description"] = "must be at most 1024 characters",
            ["headers.Host"] = "is reserved by the platform",
            ["secret"] = "must be 'whsec_' followed by base64 of 32 bytes",
            ["retryPolicy.maxAttempts"] = "must be between 1 and 50",
            ["failoverUrl"] = "points at 10.0.0.1, a private, loopback or reserved address that deliveries may not reach",
            ["sla.minAvailability"] = "must be a percentage from 0 to 100",
            ["sla.maxResponseTimeMs"] = "must be positive",
            ["rateLimit.perSecond"] = "must be between 0 and 10000",
        }, errors);
        Assert.Equal(
            ["id", "url", "events[0]", "description", "headers.Host", "secret", "retryPolicy.maxAttempts", "failoverUrl", "sla.minAvailability", "sla.maxResponseTimeMs", "rateLimit.perSecond"],
            errors.Keys);
    }

    [Fact]
    public void DefinitionWithoutUrlOrEventsNamesBoth()
    {
        var errors = EndpointRules.CheckDefinition("ep_1", new EndpointDefinition { Url = null!, Events = null! }, Strict, AnyTypeIsKnown);

        Assert.Equal(new Dictionary<string, string>
        {
            ["url"] = "is required",
            ["events"] = "must list at least one event type, or \"*\"",
        }, errors);
    }

    [Fact]
    public void EmptyFailoverUrlMeansNoneAndIsNotChecked()
    {
        Assert.Empty(EndpointRules.CheckDefinition("ep_1", Definition() with { FailoverUrl = "" }, Strict, AnyTypeIsKnown));
        Assert.Equal(
            new Dictionary<string, string> { ["failoverUrl"] = "must be an absolute http or https URL" },
            EndpointRules.CheckDefinition("ep_1", Definition() with { FailoverUrl = "backup" }, Strict, AnyTypeIsKnown));
    }

    [Fact]
    public void EmptyPatchIsValid()
    {
        Assert.Empty(EndpointRules.CheckPatch(new EndpointPatch(), Strict, _ => false));
    }

    [Fact]
    public void PatchChecksTheFieldsItSetsInTheOrderOfTheFields()
    {
        var patch = new EndpointPatch
        {
            Url = "",
            Events = [],
            Description = new string('d', 1025),
            Headers = new() { ["X-Tenant"] = "a\nb" },
            RetryPolicy = new RetryPolicy { Strategy = "random" },
            FailoverUrl = "http://[fe80::1]/hook",
            Sla = new EndpointSla { MaxResponseTimeMs = -1 },
            RateLimit = new EndpointRateLimit { PerSecond = 10, MaxPerSecond = 5 },
            SignWith = "oldest",
        };

        var errors = EndpointRules.CheckPatch(patch, Strict, AnyTypeIsKnown);

        Assert.Equal(new Dictionary<string, string>
        {
            ["url"] = "is required",
            ["events"] = "must list at least one event type, or \"*\"",
            ["description"] = "must be at most 1024 characters",
            ["headers.X-Tenant"] = "must not contain CR, LF or NUL",
            ["retryPolicy.strategy"] = "must be ladder, exponential, linear, polynomial or fibonacci",
            ["failoverUrl"] = "points at fe80::1, a private, loopback or reserved address that deliveries may not reach",
            ["sla.maxResponseTimeMs"] = "must be positive",
            ["rateLimit.maxPerSecond"] = "must be at least perSecond and at most 10000",
            ["signWith"] = "must be \"new\" or \"previous\"",
        }, errors);
        Assert.Equal(
            ["url", "events", "description", "headers.X-Tenant", "retryPolicy.strategy", "failoverUrl", "sla.maxResponseTimeMs", "rateLimit.maxPerSecond", "signWith"],
            errors.Keys);
    }

    [Theory]
    [InlineData(0.001, null, null)]
    [InlineData(10_000.0, null, null)]
    [InlineData(100.0, 0.5, 100.0)]
    [InlineData(100.0, 100.0, 10_000.0)]
    public void RateLimitWithinItsBoundsIsAccepted(double perSecond, double? min, double? max)
    {
        var errors = new Dictionary<string, string>();

        EndpointRules.CheckRateLimit(new EndpointRateLimit { PerSecond = perSecond, MinPerSecond = min, MaxPerSecond = max }, errors);

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(0.0, null, null, "rateLimit.perSecond", "must be between 0 and 10000")]
    [InlineData(-1.0, null, null, "rateLimit.perSecond", "must be between 0 and 10000")]
    [InlineData(10_001.0, null, null, "rateLimit.perSecond", "must be between 0 and 10000")]
    [InlineData(100.0, 0.0, null, "rateLimit.minPerSecond", "must be positive and at most perSecond")]
    [InlineData(100.0, 101.0, null, "rateLimit.minPerSecond", "must be positive and at most perSecond")]
    [InlineData(100.0, null, 99.0, "rateLimit.maxPerSecond", "must be at least perSecond and at most 10000")]
    [InlineData(100.0, null, 10_001.0, "rateLimit.maxPerSecond", "must be at least perSecond and at most 10000")]
    public void RateLimitOutsideItsBoundsIsRejected(double perSecond, double? min, double? max, string field, string problem)
    {
        var errors = new Dictionary<string, string>();

        EndpointRules.CheckRateLimit(new EndpointRateLimit { PerSecond = perSecond, MinPerSecond = min, MaxPerSecond = max }, errors);

        Assert.Equal(new Dictionary<string, string> { [field] = problem }, errors);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(100.0, 60_000.0)]
    [InlineData(null, null)]
    public void SlaOfAPercentageAndAPositiveTimeIsAccepted(double? minAvailability, double? maxResponseTimeMs)
    {
        var errors = new Dictionary<string, string>();

        EndpointRules.CheckDeliveryControls(null, null, new EndpointSla { MinAvailability = minAvailability, MaxResponseTimeMs = maxResponseTimeMs }, Strict, errors);

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(SpecSignatureSecrets.New)]
    [InlineData(SpecSignatureSecrets.Previous)]
    public void RotationSignsWithTheNewOrThePreviousSecret(string? signWith)
    {
        Assert.Empty(EndpointRules.CheckRotation(new SecretRotation { SignWith = signWith }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("New")]
    [InlineData("oldest")]
    public void RotationRefusesAnyOtherSigningChoice(string signWith)
    {
        Assert.Equal(
            new Dictionary<string, string> { ["signWith"] = "must be \"new\" or \"previous\"" },
            EndpointRules.CheckRotation(new SecretRotation { SignWith = signWith }));
    }

    [Fact]
    public void OnlyWellFormedEventTypeNamesAreLookedUp()
    {
        Assert.Equal(["grade.created", "a.b"], EndpointRules.NamedEventTypes(["*", "grade.created", "Bad Name", null!, "a.b"]));
        Assert.Empty(EndpointRules.NamedEventTypes(["*"]));
        Assert.Empty(EndpointRules.NamedEventTypes(null));
    }

    [Fact]
    public void CreatedEndpointListsEachEventOnceAndTreatsAnEmptyFailoverUrlAsNone()
    {
        var headers = new Dictionary<string, string> { ["X-Tenant"] = "t1" };
        var definition = Definition() with
        {
            Events = ["b.x", "a.x", "b.x"],
            Active = false,
            Description = "grades",
            Headers = headers,
            FailoverUrl = "",
            Sla = new EndpointSla { MinAvailability = 99 },
            RateLimit = new EndpointRateLimit { PerSecond = 5 },
        };

        var endpoint = EndpointRules.Create("ep_1", definition, T0);

        Assert.Equal("ep_1", endpoint.Id);
        Assert.Equal("https://example.com/hook", endpoint.Url);
        Assert.Equal(["b.x", "a.x"], endpoint.Events);
        Assert.False(endpoint.Active);
        Assert.Equal("grades", endpoint.Description);
        Assert.Equal(headers, endpoint.Headers);
        Assert.NotSame(headers, endpoint.Headers);
        Assert.Null(endpoint.FailoverUrl);
        Assert.Equal(99, endpoint.Sla!.MinAvailability);
        Assert.Equal(5, endpoint.RateLimit!.PerSecond);
        Assert.Equal(SpecSignatureSecrets.New, endpoint.SignWith);
        Assert.Equal(T0, endpoint.CreatedAt);
        Assert.Equal(T0, endpoint.UpdatedAt);
        Assert.Empty(EndpointRules.Create("ep_2", Definition(), T0).Headers);
    }

    [Fact]
    public void PatchChangesOnlyTheFieldsItSets()
    {
        var current = EndpointRules.Create("ep_1", Definition() with { FailoverUrl = "https://backup.example.com/hook", Description = "grades" }, T0);

        var unchanged = EndpointRules.Apply(current, new EndpointPatch(), T0.AddMinutes(1));
        var changed = EndpointRules.Apply(current, new EndpointPatch
        {
            Url = "https://example.com/v2",
            Events = ["a.x", "a.x"],
            Active = false,
            Headers = new() { ["X-Tenant"] = "t2" },
            SignWith = SpecSignatureSecrets.Previous,
        }, T0.AddMinutes(2));

        Assert.Equal(current with { UpdatedAt = T0.AddMinutes(1) }, unchanged);
        Assert.Equal("https://example.com/v2", changed.Url);
        Assert.Equal(["a.x"], changed.Events);
        Assert.False(changed.Active);
        Assert.Equal(new Dictionary<string, string> { ["X-Tenant"] = "t2" }, changed.Headers);
        Assert.Equal(SpecSignatureSecrets.Previous, changed.SignWith);
        Assert.Equal("grades", changed.Description);
        Assert.Equal("https://backup.example.com/hook", changed.FailoverUrl);
        Assert.Equal(T0, changed.CreatedAt);
        Assert.Equal(T0.AddMinutes(2), changed.UpdatedAt);
    }

    [Fact]
    public void PatchWithAnEmptyFailoverUrlRemovesIt()
    {
        var current = EndpointRules.Create("ep_1", Definition() with { FailoverUrl = "https://backup.example.com/hook" }, T0);

        Assert.Null(EndpointRules.Apply(current, new EndpointPatch { FailoverUrl = "" }, T0).FailoverUrl);
        Assert.Equal("https://b2.example.com/", EndpointRules.Apply(current, new EndpointPatch { FailoverUrl = "https://b2.example.com/" }, T0).FailoverUrl);
    }
}
