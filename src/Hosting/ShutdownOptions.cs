using System.ComponentModel.DataAnnotations;

namespace Akademia.Webhooks.Hosting;

/// <summary>
/// How long a process may take to stop after SIGTERM (section <c>Shutdown</c>). Sized for the compose
/// file's <c>stop_grace_period</c> of 30 s: what is still running when the orchestrator's grace ends
/// is cut by SIGKILL, so the process must be done before that.
/// </summary>
public sealed class ShutdownOptions : IValidatableObject
{
    public const string Section = "Shutdown";

    /// <summary>
    /// What a silo needs after its drain to leave the cluster cleanly: stop its reminders, mark itself
    /// shutting down, deactivate its grains and write itself dead. Measured at under 2 s on two cores.
    /// </summary>
    public static readonly TimeSpan LeaveMargin = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The host's <c>HostOptions.ShutdownTimeout</c>: the whole stop, in-flight HTTP requests included.
    /// Below the 30 s grace so that the process exits on its own, with code 0, before SIGKILL.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Silo only: how long outbound attempts already in flight may take to finish and record their
    /// outcome. Those still running then are cancelled and handed back to their reminders.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DrainTimeout + LeaveMargin > Timeout)
        {
            yield return new ValidationResult(
                $"must leave {LeaveMargin.TotalSeconds:0} s of {nameof(Timeout)} ({Timeout}) for the silo to leave the cluster",
                [nameof(DrainTimeout)]);
        }
    }
}
