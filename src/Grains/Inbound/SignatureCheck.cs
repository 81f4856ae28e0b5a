namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>The verdict on a signature; <see cref="Problem"/> says what was wrong, never what was expected.</summary>
public readonly record struct SignatureCheck(bool Valid, string? Problem)
{
    public static SignatureCheck Ok { get; } = new(true, null);

    public static SignatureCheck Fail(string problem) => new(false, problem);
}
