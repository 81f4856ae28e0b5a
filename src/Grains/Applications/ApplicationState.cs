namespace Akademia.Webhooks.Grains.Applications;

[GenerateSerializer, Immutable, Alias("akademia.ApplicationState")]
public sealed record ApplicationState
{
    [Id(0)] public Application? Application { get; init; }

    /// <summary>The list page that holds the application; null until it is listed (default never is: it is listed first).</summary>
    [Id(1)] public int? Page { get; init; }
}
