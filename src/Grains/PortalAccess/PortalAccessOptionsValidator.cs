using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.PortalAccess;

/// <summary>Checks <see cref="PortalAccessOptions"/>'s DataAnnotations; generated at compile time.</summary>
[OptionsValidator]
public sealed partial class PortalAccessOptionsValidator : IValidateOptions<PortalAccessOptions>;
