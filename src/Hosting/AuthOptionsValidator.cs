using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Hosting;

/// <summary>Checks <see cref="AuthOptions"/>'s DataAnnotations and cross-field rules; generated at compile time.</summary>
[OptionsValidator]
public sealed partial class AuthOptionsValidator : IValidateOptions<AuthOptions>;
