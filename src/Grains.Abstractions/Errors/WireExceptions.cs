using Orleans.Serialization;

namespace Akademia.Webhooks.Grains.Abstractions;

/// <summary>
/// Exceptions of the Orleans runtime that must cross between silos and clients although their types lie
/// outside the namespaces Orleans serializes by default (Microsoft, System, Azure). Orleans 10.4's
/// placement reports a timeout as a <see cref="TimeoutException"/> around Polly's
/// <c>TimeoutRejectedException</c>: unserializable, it turned the whole answer into a
/// <c>CodecNotFoundException</c>, which callers that retry on a timeout did not recognise.
/// Configure it on every silo and every client.
/// </summary>
public static class WireExceptions
{
    /// <summary>Lets the runtime's own exception types cross the wire.</summary>
    public static void Allow(ExceptionSerializationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.SupportedNamespacePrefixes.Add("Polly");
    }
}
