namespace Akademia.Webhooks.Grains.Persistence;

/// <summary>
/// The reminder of an entity that is stored first and indexed after (an endpoint, a dead-letter entry):
/// armed only when an index did not confirm a change, it sends the change again until it holds. The
/// entity keeps a pending flag in its state, so a reminder that could not be armed is armed again by
/// the next activation.
/// </summary>
public sealed class RepairReminder(string name, TimeSpan due, TimeSpan period)
{
    public string Name => name;

    /// <summary>Arms the reminder; answers why it could not be armed instead of throwing.</summary>
    public async Task<string?> TryArmAsync(Grain grain)
    {
        try
        {
            await grain.RegisterOrUpdateReminder(name, due, period);
            return null;
        }
        catch (Exception ex)
        {
            return ex.Message;
        }
    }

    public async Task DisarmAsync(Grain grain)
    {
        if (await grain.GetReminder(name) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }
}
