using CostDsl.Engine;
using CostDsl.Tooling.Explaining;

namespace CostDsl.Reporting;

/// <summary>What a report shows of one file: its run, and the derivation tree of each output (empty when it did not check).</summary>
public sealed record ReportSection(RunResult Result, IReadOnlyList<ExplainNode> Derivations)
{
    /// <summary>Under <c>--scenario all</c>: the scenario this section shows (<c>(base)</c> for the base spec); else null.</summary>
    public string? Scenario { get; init; }
}
