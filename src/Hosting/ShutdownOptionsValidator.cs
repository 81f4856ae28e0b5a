using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Hosting;

/// <summary>Checks <see cref="ShutdownOptions"/>'s DataAnnotations and cross-field rules; generated at compile time.</summary>
[OptionsValidator]
public sealed partial class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>;
