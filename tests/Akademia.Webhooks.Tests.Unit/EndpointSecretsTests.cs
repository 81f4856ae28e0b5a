using Akademia.Webhooks.Grains.Endpoints;

namespace Akademia.Webhooks.Tests.Unit;

public sealed class EndpointSecretsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static PreviousSecret[] Previous(params int[] hoursLeft) =>
        [.. hoursLeft.Select((h, i) => new PreviousSecret($"p{i}", T0.AddHours(h)))];

    [Fact]
    public void PreviousSecretSignsUntilItsWindowEnds()
    {
        var previous = Previous(2, 0, 1, -1);

        Assert.Equal(["p0", "p2"], EndpointSecrets.InWindow(previous, T0).Select(p => p.ProtectedSecret));
        Assert.Equal(["p0", "p1", "p2"], EndpointSecrets.InWindow(previous, T0.AddTicks(-1)).Select(p => p.ProtectedSecret));
        Assert.Empty(EndpointSecrets.InWindow(previous, T0.AddHours(2)));
    }

    [Fact]
    public void RotationIsAllowedBelowTheMostPreviousSecrets()
    {
        Assert.Null(EndpointSecrets.RotationRefusedUntil(Previous(5, 3, 9), 4));
        Assert.Null(EndpointSecrets.RotationRefusedUntil([], 1));
    }

    [Fact]
    public void RotationIsRefusedUntilTheFirstWindowEndsWhenTheMostAreInTheirWindow()
    {
        Assert.Equal(T0.AddHours(3), EndpointSecrets.RotationRefusedUntil(Previous(5, 3, 9), 3));
        Assert.Equal(T0.AddHours(3), EndpointSecrets.RotationRefusedUntil(Previous(5, 3, 9), 2));
    }

    [Fact]
    public void RotatedOutSecretComesFirstAndSignsUntilTheWindowEnds()
    {
        var rotated = EndpointSecrets.RotateOut("current", Previous(5, 3), T0.AddHours(24));

        Assert.Equal(
            [new PreviousSecret("current", T0.AddHours(24)), new PreviousSecret("p0", T0.AddHours(5)), new PreviousSecret("p1", T0.AddHours(3))],
            rotated);
    }

    [Fact]
    public void AttemptIsSignedWithTheCurrentSecretFirstThenThePreviousOnesInTheirWindow()
    {
        Assert.Equal(["current", "p0", "p2"], EndpointSecrets.Signing("current", Previous(2, 0, 1), T0));
        Assert.Equal(["current"], EndpointSecrets.Signing("current", [], T0));
    }

    [Theory]
    [InlineData(SpecSignatureSecrets.New, 1, 0)]
    [InlineData(SpecSignatureSecrets.New, 3, 0)]
    [InlineData(SpecSignatureSecrets.Previous, 2, 1)]
    [InlineData(SpecSignatureSecrets.Previous, 3, 1)]
    [InlineData(SpecSignatureSecrets.Previous, 1, 0)]
    public void SpecSignatureUsesThePreviousSecretOnlyWhileOneIsLeft(string signWith, int signingCount, int index)
    {
        Assert.Equal(index, EndpointSecrets.SpecSecretIndex(signWith, signingCount));
    }
}
