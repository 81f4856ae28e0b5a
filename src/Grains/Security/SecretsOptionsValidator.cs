using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Security;

/// <summary>Checks <see cref="SecretsOptions"/>'s DataAnnotations and cross-field rules; generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class SecretsOptionsValidator : IValidateOptions<SecretsOptions>;
