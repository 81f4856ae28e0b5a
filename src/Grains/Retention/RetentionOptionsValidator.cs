using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Retention;

/// <summary>Checks <see cref="RetentionOptions"/>'s DataAnnotations; generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class RetentionOptionsValidator : IValidateOptions<RetentionOptions>;
