using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Storage;

/// <summary>Checks <see cref="AzureTablesOptions"/>'s DataAnnotations and cross-field rules; generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class AzureTablesOptionsValidator : IValidateOptions<AzureTablesOptions>;
