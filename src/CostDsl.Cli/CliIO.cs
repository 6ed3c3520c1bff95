namespace CostDsl.Cli;

/// <summary>Where the command line writes: the console, or writers a test supplies.</summary>
public sealed class CliIO(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Writes a whole file through a temporary one, so a reader never sees half of it.</summary>
    public bool TryWriteFile(string path, string text)
    {
        try
        {
            var full = Path.GetFullPath(path);
            var temporary = full + ".tmp";
            File.WriteAllText(temporary, text);
            File.Move(temporary, full, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Error.WriteLine($"costdsl: cannot write {path}: {e.Message}");
            return false;
        }
    }
}
