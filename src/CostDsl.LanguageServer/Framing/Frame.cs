namespace CostDsl.LanguageServer.Framing;

/// <summary>One message as read off the wire: its body, or why its header could not be read.</summary>
public sealed record Frame(byte[]? Body, string? HeaderError);
