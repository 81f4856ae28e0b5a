using Microsoft.Extensions.Options;

namespace Akademia.Webhooks.Grains.Endpoints;

/// <summary>Checks <see cref="EndpointPolicyOptions"/>'s DataAnnotations and cross-field rules; generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class EndpointPolicyOptionsValidator : IValidateOptions<EndpointPolicyOptions>;
