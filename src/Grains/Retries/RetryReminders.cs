namespace Akademia.Webhooks.Grains.Retries;

/// <summary>The reminder a grain keeps armed while it has an attempt to make.</summary>
public static class RetryReminders
{
    /// <summary>Removes the reminder if it is registered; finished work must not keep ticking.</summary>
    public static async Task UnregisterIfArmedAsync(this IGrainBase grain, string reminderName)
    {
        if (await grain.GetReminder(reminderName) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }
}
