using System.ComponentModel.DataAnnotations;

namespace Akademia.Webhooks.ApiGateway.Infrastructure;

/// <summary>Gateway settings. Section <c>Gateway</c>.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Largest accepted request body; larger ones answer 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;
}
