namespace Akademia.Webhooks.Silo;

public sealed class InvalidConfigurationException(string message) : Exception(message);
