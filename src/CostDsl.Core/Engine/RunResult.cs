using CostDsl.Diagnostics;
using CostDsl.Runtime;

namespace CostDsl.Engine;

/// <summary>Everything one run of one file produced: its outputs and asserts (when it got that far) and its diagnostics.</summary>
public sealed record RunResult(string File, Evaluation? Evaluation, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The variance decomposition asked for with <c>--sensitivity</c>, if any.</summary>
    public Output.Sensitivity? Sensitivity { get; init; }

    /// <summary>
    /// For a part of a sharded sweep: the SHA-256 of every file the run loaded, in load order (the root spec, its imports,
    /// the library), so that costdsl merge refuses parts made from different versions of them. Null for any other run.
    /// </summary>
    public string? Sources { get; init; }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>The process exit code this result calls for: 1 on an error or a failed assert, else 0.</summary>
    public int ExitCode => HasErrors || (Evaluation?.Asserts.Any(a => !a.Passed) ?? false) ? 1 : 0;
}
