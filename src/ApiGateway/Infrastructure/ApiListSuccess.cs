using System.Text.Json.Serialization;

namespace Akademia.Webhooks.ApiGateway.Infrastructure;

/// <summary>
/// The success envelope of a list the specification answers as an array: <c>data</c> stays the array,
/// so existing clients read it unchanged, and <c>nextCursor</c> beside it pages on (<c>null</c> on the last page).
/// </summary>
public sealed record ApiListSuccess<T>(T[] Data, string? NextCursor, string RequestId)
{
    [JsonPropertyOrder(-1)]
    public bool Success => true;
}
