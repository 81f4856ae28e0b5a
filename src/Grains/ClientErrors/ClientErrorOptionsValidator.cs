using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.ClientErrors;

/// <summary>Checks <see cref="ClientErrorOptions"/>'s DataAnnotations and cross-field rules; generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class ClientErrorOptionsValidator : IValidateOptions<ClientErrorOptions>;
