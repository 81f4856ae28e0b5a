using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Breakers;

/// <summary>Checks <see cref="CircuitBreakerOptions"/>'s DataAnnotations and cross-field rules; generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class CircuitBreakerOptionsValidator : IValidateOptions<CircuitBreakerOptions>;
