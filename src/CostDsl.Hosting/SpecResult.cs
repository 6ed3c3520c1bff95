using CostDsl.Engine;

namespace CostDsl.Hosting;

/// <summary>
/// A run of one spec, and every file it read (the spec first, then its imports in the order they
/// were loaded), so that a caller can tell when the result is out of date.
/// </summary>
public sealed record SpecResult(RunResult Run, IReadOnlyList<SpecInput> Inputs)
{
    public bool HasErrors => Run.HasErrors;

    /// <summary>1 on an error or a failed assert, as <c>costdsl eval</c> exits.</summary>
    public int ExitCode => Run.ExitCode;

    /// <summary>True when the run was stopped by the time limit: a verdict about the machine's load as much as about the file.</summary>
    public bool TimedOut { get; init; }

    /// <summary>Which input imported which (locations as in <see cref="Inputs"/>), in the order they were resolved.</summary>
    public IReadOnlyList<(string From, string To)> Imports { get; init; } = [];

    /// <summary>
    /// The reads of the run by location, for the batch to look up the few files a fingerprint needs without indexing
    /// <see cref="Inputs"/> and <see cref="Imports"/> again (a spec over a chain of thousands of imports did, for every spec).
    /// Null where the run stopped before its imports were read.
    /// </summary>
    internal RecordingSources? Reads { get; init; }
}
