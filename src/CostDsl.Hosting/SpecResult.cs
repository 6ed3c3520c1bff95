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
    /// <see cref="Inputs"/> and <see cref="Imports"/> by location, as the built-in evaluator noted them while reading: the
    /// batch looks up the few files a fingerprint needs without indexing every input of every spec again. Null for a
    /// result made otherwise (a refusal, a timeout, another <see cref="ICostEvaluator"/>): the batch then builds it.
    /// </summary>
    internal InputLookup? Reads { get; init; }
}
