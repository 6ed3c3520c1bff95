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
}
