using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Inbound;

/// <summary>Checks <see cref="InboundOptions"/>'s DataAnnotations and cross-field rules; generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class InboundOptionsValidator : IValidateOptions<InboundOptions>;
