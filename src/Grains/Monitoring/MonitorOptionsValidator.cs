using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Monitoring;

/// <summary>Checks <see cref="MonitorOptions"/>'s DataAnnotations and cross-field rules; generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class MonitorOptionsValidator : IValidateOptions<MonitorOptions>;
