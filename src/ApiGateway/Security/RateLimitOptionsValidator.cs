using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.ApiGateway.Security;

/// <summary>Checks <see cref="RateLimitOptions"/>'s DataAnnotations and cross-field rules; generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>;
