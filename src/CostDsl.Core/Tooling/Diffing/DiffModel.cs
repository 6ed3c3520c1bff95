using CostDsl.Diagnostics;

namespace CostDsl.Tooling.Diffing;

public enum ChangeStatus
{
    Changed,
    Added,
    Removed,
}

/// <summary>An output whose value changed, or that one side lacks. <see cref="Absolute"/> is in the unit of <see cref="Old"/>.</summary>
public sealed record OutputChange(string Name, ChangeStatus Status, ShownValue? Old, ShownValue? New, ShownValue? Absolute, double? Relative);

/// <summary>
/// A let, block field, unit or function whose own definition changed (not one that merely follows
/// from others), with the outputs that rest on it.
/// </summary>
public sealed record AssumptionChange(string Kind, string Name, ChangeStatus Status, ShownValue? Old, ShownValue? New, string File, int Line, IReadOnlyList<string> Affects);

/// <summary>What <c>costdsl diff</c> found. <see cref="Compared"/> is false when either side has errors.</summary>
public sealed record DiffResult(
    string OldFile,
    string NewFile,
    bool Compared,
    IReadOnlyList<OutputChange> Outputs,
    int UnchangedOutputs,
    IReadOnlyList<AssumptionChange> Assumptions,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasChanges => Outputs.Count > 0 || Assumptions.Count > 0;

    /// <summary>
    /// Whether either side reported an error, in checking or in evaluating (a division by zero, an uncertain assert): the diff
    /// then fails. A failed assert is not one: it is an outcome, which the gate compares between the sides.
    /// </summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error && d.Code != Codes.AssertFailed);

    /// <summary>The two evaluations the diff compared (null when not compared), for the gate to judge the same numbers without evaluating again.</summary>
    internal DiffRuns? Runs { get; init; }
}

/// <summary>Each side's checked program, its one evaluation, and its outputs as compared (point by point under sweeps).</summary>
internal sealed record DiffRuns(
    Semantics.CheckedProgram OldProgram,
    Runtime.Evaluation Old,
    IReadOnlyList<PointOutput> OldOutputs,
    Semantics.CheckedProgram NewProgram,
    Runtime.Evaluation New,
    IReadOnlyList<PointOutput> NewOutputs);
