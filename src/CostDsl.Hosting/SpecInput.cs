namespace CostDsl.Hosting;

/// <summary>One file a result was computed from, and the SHA-256 of the text that was used.</summary>
/// <param name="Location">A full path, or std/... for the bundled library.</param>
public sealed record SpecInput(string Location, string Sha256);
