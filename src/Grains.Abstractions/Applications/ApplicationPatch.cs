namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>A partial update of an application: only the members present change.</summary>
[GenerateSerializer, Immutable, Alias("akademia.ApplicationPatch")]
public sealed record ApplicationPatch
{
    /// <summary>A new display name.</summary>
    [Id(0)] public string? Name { get; init; }

    /// <summary>New metadata, replacing the old pairs as a whole.</summary>
    [Id(1)] public Dictionary<string, string>? Metadata { get; init; }

    /// <summary>A new publish budget.</summary>
    [Id(2)] public ApplicationRateLimit? RateLimit { get; init; }

    /// <summary>Removes the publish budget; refused together with <see cref="RateLimit"/>.</summary>
    [Id(3)] public bool RemoveRateLimit { get; init; }

    /// <summary>A new retention, for what is stored from now on.</summary>
    [Id(4)] public TimeSpan? Retention { get; init; }

    /// <summary>Returns to the platform's default retention; refused together with <see cref="Retention"/>.</summary>
    [Id(5)] public bool RemoveRetention { get; init; }
}
