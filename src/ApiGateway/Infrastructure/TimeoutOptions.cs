using System.ComponentModel.DataAnnotations;

namespace Akademia.Webhooks.ApiGateway.Infrastructure;

/// <summary>Per-route time budgets. Section <c>Gateway:Timeouts</c>.</summary>
public sealed class TimeoutOptions : IValidatableObject
{
    public const string Section = "Gateway:Timeouts";

    /// <summary>Every route's budget unless named below.</summary>
    public TimeSpan Default { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The test route makes up to 4 attempts of 30 s with waits between.</summary>
    public TimeSpan TestRoute { get; set; } = TimeSpan.FromMinutes(2.5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Default <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Gateway:Timeouts values must be positive", [nameof(Default)]);
        }

        if (TestRoute <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Gateway:Timeouts values must be positive", [nameof(TestRoute)]);
        }
    }
}
