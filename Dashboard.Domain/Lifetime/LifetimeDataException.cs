namespace Dashboard.Domain.Lifetime;

/// <summary>
/// The data cannot support the requested lifetime model (for example no repeat buyers, a single customer, or
/// no positive spend). The message is written for a business user and says what is missing.
/// </summary>
public sealed class LifetimeDataException(string message) : Exception(message);
