namespace CostDsl.Hosting;

/// <summary>
/// A spec to evaluate: a file on disk, or text from code. <see cref="InputRoot"/> is the folder its
/// imports may not leave (besides the configured rules roots); diagnostics name files relative to it.
/// </summary>
public sealed record SpecSource
{
    private SpecSource(string location, string inputRoot, string? text)
    {
        Location = location;
        InputRoot = inputRoot;
        Text = text;
    }

    /// <summary>The full path of the spec; for text, where it is taken to live, so that relative imports work.</summary>
    public string Location { get; }

    public string InputRoot { get; }

    /// <summary>The text given from code, or null to read <see cref="Location"/>.</summary>
    public string? Text { get; }

    /// <summary>The batch pass this run belongs to: its files are read once for the whole pass (<see cref="Modules.ReadSnapshot"/>); null to read afresh.</summary>
    public Modules.ReadSnapshot? Snapshot { get; init; }

    /// <summary>A file; its imports stay inside <paramref name="inputRoot"/>, by default the file's own folder.</summary>
    public static SpecSource FromFile(string path, string? inputRoot = null)
    {
        var location = Path.GetFullPath(path);
        return new SpecSource(location, Path.GetFullPath(inputRoot ?? Path.GetDirectoryName(location) ?? "."), null);
    }

    /// <summary>Text from code, reported as <paramref name="name"/>; its imports are resolved in <paramref name="folder"/> (default: the current folder) and stay inside it.</summary>
    public static SpecSource FromText(string text, string name = "spec.cost", string? folder = null)
    {
        var root = Path.GetFullPath(folder ?? ".");
        return new SpecSource(Path.GetFullPath(Path.Combine(root, name)), root, text);
    }
}
