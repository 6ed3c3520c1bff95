namespace CostDsl.Hosting;

/// <summary>What one pass over the input folder did.</summary>
/// <param name="Files">The .cost files found.</param>
/// <param name="Evaluated">Of those, evaluated in this pass; the rest were up to date.</param>
/// <param name="Failed">Files whose result has an error or a failed assert, or could not be written.</param>
/// <param name="Removed">Results removed because their spec is gone.</param>
public sealed record BatchPassSummary(int Files, int Evaluated, int Skipped, int Failed, int Removed, TimeSpan Elapsed)
{
    /// <summary>False when OUT/index.json could not be written (for example, an input folder of that name made it a folder).</summary>
    public bool IndexWritten { get; init; } = true;

    /// <summary>1 when any file has an error or a failed assert, as <c>costdsl eval</c> would exit on it, or the index could not be written.</summary>
    public int ExitCode => Failed > 0 || !IndexWritten ? 1 : 0;
}
