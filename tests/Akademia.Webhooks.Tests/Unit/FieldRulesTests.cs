using Akademia.Webhooks.Grains.Validation;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class FieldRulesTests
{
    [Theory]
    [InlineData("http://example.com/hook")]
    [InlineData("https://example.com:8443/a/b?c=d&e=f")]
    [InlineData("http://127.0.0.1:5000/hook")]
    [InlineData("http://[::1]:8080/hook")]
    [InlineData("HTTPS://EXAMPLE.COM/")]
    public void AbsoluteHttpUrlIsAccepted(string url)
    {
        Assert.Null(FieldRules.CheckUrl(url));
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
        Assert.Equal(problem, FieldRules.CheckUrl(url));
    }

    [Fact]
    public void UrlIsAtMost2048Characters()
    {
        var longest = "https://example.com/" + new string('a', 2048 - 20);

        Assert.Equal(2048, longest.Length);
        Assert.Null(FieldRules.CheckUrl(longest));
        Assert.Equal("must be at most 2048 characters", FieldRules.CheckUrl(longest + "a"));
    }

    [Theory]
    [InlineData("grade.created")]
    [InlineData("a.b.c")]
    [InlineData("lms_2.grade_sync.done")]
    [InlineData("0.1")]
    public void EventTypeNameOfDottedLowercaseWordsIsAccepted(string name)
    {
        Assert.Null(FieldRules.CheckEventTypeName(name));
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "is required")]
    [InlineData("nodots", "must match ^[a-z0-9_]+(\\.[a-z0-9_]+)+$")]
    [InlineData("Grade.created", "must match ^[a-z0-9_]+(\\.[a-z0-9_]+)+$")]
    [InlineData("grade..created", "must match ^[a-z0-9_]+(\\.[a-z0-9_]+)+$")]
    [InlineData("grade.created.", "must match ^[a-z0-9_]+(\\.[a-z0-9_]+)+$")]
    [InlineData("grade-x.created", "must match ^[a-z0-9_]+(\\.[a-z0-9_]+)+$")]
    [InlineData("grade.created\n", "must match ^[a-z0-9_]+(\\.[a-z0-9_]+)+$")]
    [InlineData("*", "must match ^[a-z0-9_]+(\\.[a-z0-9_]+)+$")]
    public void MalformedEventTypeNameIsRejected(string? name, string problem)
    {
        Assert.Equal(problem, FieldRules.CheckEventTypeName(name));
    }

    [Fact]
    public void EventTypeNameIsAtMost256Characters()
    {
        var longest = "a." + new string('b', 254);

        Assert.Null(FieldRules.CheckEventTypeName(longest));
        Assert.Equal("must be at most 256 characters", FieldRules.CheckEventTypeName(longest + "b"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("e")]
    [InlineData("evt_0190f0c4-aa:ep_1")]
    [InlineData("A-Z_a-z:0-9")]
    public void EventIdOfLettersDigitsUnderscoreDashOrColonIsAccepted(string? id)
    {
        Assert.Null(FieldRules.CheckEventId(id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("evt.1")]
    [InlineData("evt 1")]
    [InlineData("evt/1")]
    [InlineData("évt")]
    [InlineData("evt\n")]
    public void EventIdWithOtherCharactersIsRejected(string id)
    {
        Assert.Equal("must be 1-128 characters of letters, digits, '_', '-' or ':'", FieldRules.CheckEventId(id));
    }

    [Fact]
    public void EventIdIsAtMost128Characters()
    {
        Assert.Null(FieldRules.CheckEventId(new string('e', 128)));
        Assert.NotNull(FieldRules.CheckEventId(new string('e', 129)));
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

        FieldRules.CheckHeaders(new() { [name] = "value" }, errors);

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

        FieldRules.CheckHeaders(new() { ["X-Tenant"] = value }, errors);

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

        FieldRules.CheckHeaders(new() { [name] = "value" }, errors);

        Assert.Equal(new Dictionary<string, string> { [$"headers.{name}"] = "is not a valid header name" }, errors);
    }

    [Fact]
    public void HeaderValueMustBePresentAndAtMost4096Characters()
    {
        var errors = new Dictionary<string, string>();

        FieldRules.CheckHeaders(new()
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

        FieldRules.CheckHeaders(twenty, errors);
        Assert.Empty(errors);

        twenty["X-H20"] = "v";
        FieldRules.CheckHeaders(twenty, errors);
        Assert.Equal(new Dictionary<string, string> { ["headers"] = "at most 20 custom headers" }, errors);
    }

    [Fact]
    public void NoHeadersIsValid()
    {
        var errors = new Dictionary<string, string>();

        FieldRules.CheckHeaders(null, errors);
        FieldRules.CheckHeaders([], errors);

        Assert.Empty(errors);
    }

    [Fact]
    public void ReservedNamesIncludeThePlatformSignatureAndFramingHeaders()
    {
        Assert.Superset(
            new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "host", "content-length", "transfer-encoding", "x-webhook-signature", "webhook-signature" },
            FieldRules.ReservedHeaderNames.ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void EventsNameEachUnknownOrMalformedEntry()
    {
        var errors = new Dictionary<string, string>();

        FieldRules.CheckEvents(["grade.created", "*", "no.such_type", "Bad Name", null!], errors, name => name == "grade.created");

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

        FieldRules.CheckEvents(null, none, _ => true);
        FieldRules.CheckEvents([], empty, _ => true);
        FieldRules.CheckEvents(Enumerable.Repeat("a.b", 257).ToArray(), tooMany, _ => true);
        FieldRules.CheckEvents(Enumerable.Repeat("a.b", 256).ToArray(), most, _ => true);

        Assert.Equal(["events"], none.Keys);
        Assert.Equal(["events"], empty.Keys);
        Assert.Equal(new Dictionary<string, string> { ["events"] = "must list at most 256 event types" }, tooMany);
        Assert.Empty(most);
    }

    [Theory]
    [InlineData("{}", null)]
    [InlineData(" {\"a\": [1, {\"b\": null}]} ", null)]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("\"text\"", "must be a JSON object")]
    [InlineData("42", "must be a JSON object")]
    [InlineData("null", "must be a JSON object")]
    [InlineData("{", "must be valid JSON")]
    [InlineData("", "must be valid JSON")]
    [InlineData("{\"a\": 1} {}", "must be valid JSON")]
    [InlineData(null, "is required")]
    public void DataMustBeTheTextOfAJsonObject(string? data, string? problem)
    {
        Assert.Equal(problem, FieldRules.CheckDataObject(data));
    }

    // Built at run time: an attribute's string argument is stored as UTF-8, which would already
    // have replaced a lone surrogate with U+FFFD.
    [Theory]
    [InlineData(0xD800)]
    [InlineData(0xDBFF)]
    [InlineData(0xDC00)]
    [InlineData(0xDFFF)]
    public void DataWithAnUnpairedSurrogateIsNotValidUnicode(int surrogate)
    {
        var data = "{\"name\": \"a" + (char)surrogate + "b\"}";

        Assert.Equal("must be valid Unicode text: it has an unpaired surrogate", FieldRules.CheckDataObject(data));
        Assert.Null(FieldRules.CheckDataObject("{\"name\": \"a" + char.ConvertFromUtf32(0x1F600) + "b\"}"));
    }

    [Fact]
    public void SecretIsOptionalButMustBeWellFormed()
    {
        var absent = new Dictionary<string, string>();
        var good = new Dictionary<string, string>();
        var bad = new Dictionary<string, string>();

        FieldRules.CheckSecret(null, absent);
        FieldRules.CheckSecret("whsec_" + Convert.ToBase64String(new byte[32]), good);
        FieldRules.CheckSecret("whsec_" + Convert.ToBase64String(new byte[24]), bad);

        Assert.Empty(absent);
        Assert.Empty(good);
        Assert.Equal(["secret"], bad.Keys);
    }

    [Fact]
    public void DescriptionIsAtMost1024Characters()
    {
        var errors = new Dictionary<string, string>();

        FieldRules.CheckDescription(new string('d', 1024), errors);
        Assert.Empty(errors);

        FieldRules.CheckDescription(new string('d', 1025), errors);
        Assert.Equal(["description"], errors.Keys);
    }

    [Fact]
    public void ThrowIfAnyThrowsOnlyWithErrors()
    {
        FieldRules.ThrowIfAny([]);

        var ex = Assert.Throws<ValidationFailedException>(() => FieldRules.ThrowIfAny(new() { ["url"] = "is required" }));

        Assert.Equal(ErrorCodes.ValidationError, ex.Code);
        Assert.Equal(new Dictionary<string, string> { ["url"] = "is required" }, ex.Errors);
    }
}
