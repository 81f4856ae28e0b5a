using System.Text.Json.Serialization;

namespace Akademia.Webhooks.ApiGateway.Infrastructure;

/// <summary>The specification's success envelope.</summary>
public sealed record ApiSuccess<T>(T Data, string RequestId)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
