using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.ApiGateway.Infrastructure;

/// <summary>Checks <see cref="GatewayOptions"/>'s DataAnnotations and cross-field rules; generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class GatewayOptionsValidator : IValidateOptions<GatewayOptions>;
