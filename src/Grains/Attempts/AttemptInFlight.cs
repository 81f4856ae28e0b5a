namespace Akademia.Webhooks.Grains.Attempts;

/// <summary>
/// One attempt while it runs, from before its POST until its outcome is recorded, known to the
/// silo's <see cref="AttemptDrain"/>. Disposing it tells the drain that the attempt is over.
/// </summary>
public sealed class AttemptInFlight : IDisposable
{
    private readonly AttemptDrain _drain;
    private int _ended;

    internal AttemptInFlight(AttemptDrain drain, CancellationToken handBack)
    {
        _drain = drain;
        HandBack = handBack;
    }

    /// <summary>Cancelled when the drain window is over: the attempt stops and leaves its outcome unrecorded.</summary>
    public CancellationToken HandBack { get; }

    /// <summary>The attempt was cancelled by the drain and recorded nothing.</summary>
    public bool HandedBack { get; private set; }

    public void MarkHandedBack() => HandedBack = true;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            _drain.End(HandedBack);
        }
    }
}
