using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Silo;

/// <summary>Checks <see cref="SiloOptions"/>'s DataAnnotations and cross-field rules; generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class SiloOptionsValidator : IValidateOptions<SiloOptions>;
