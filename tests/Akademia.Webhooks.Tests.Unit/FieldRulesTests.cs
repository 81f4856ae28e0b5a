using Akademia.Webhooks.Grains.Validation;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class FieldRulesTests
{
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

    [Theory]
    [InlineData(0, "must be between 1 and 100")]
    [InlineData(101, "must be between 1 and 100")]
    [InlineData(1, null)]
    [InlineData(100, null)]
    public void TheListLimitIsOneToAHundred(int limit, string? problem)
    {
        Assert.Equal(problem, FieldRules.CheckPageLimit(limit));
    }
}
