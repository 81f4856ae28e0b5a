using System.Text.Json.Serialization;

namespace Akademia.Webhooks.ApiGateway.Infrastructure;

/// <summary>The specification's error envelope.</summary>
public sealed record ApiError(string Error, string Code, string RequestId, IReadOnlyDictionary<string, string>? Details = null)
{
    [JsonPropertyOrder(-1)]
    public bool Success => false;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Details { get; init; } = Details;
}
