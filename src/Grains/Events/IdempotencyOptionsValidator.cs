using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Events;

/// <summary>Checks <see cref="IdempotencyOptions"/>'s DataAnnotations and cross-field rules; generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class IdempotencyOptionsValidator : IValidateOptions<IdempotencyOptions>;
