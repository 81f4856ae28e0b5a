using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Deliveries;

/// <summary>Checks <see cref="DeliveryOptions"/>'s DataAnnotations and cross-field rules; generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>;
