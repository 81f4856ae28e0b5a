using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.ApiGateway.Security;

/// <summary>Checks <see cref="AuthCacheOptions"/>'s DataAnnotations; generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class AuthCacheOptionsValidator : IValidateOptions<AuthCacheOptions>;
