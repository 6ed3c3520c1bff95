namespace CostDsl.Validation;

/// <summary>Every row of a validate run, in file and case order, with summaries overall and per file and metric.</summary>
public sealed record ValidationReport(IReadOnlyList<ValidationRow> Rows)
{
    public ValidationSummary Summary => ValidationSummary.Of(Rows);

    /// <summary>Per file (as given) and metric, in order of first appearance.</summary>
    public IEnumerable<(string File, string Metric, ValidationSummary Summary)> ByFileAndMetric =>
        Rows.GroupBy(r => (r.File, r.Estimate.Metric)).Select(g => (g.Key.File, g.Key.Metric, ValidationSummary.Of(g)));
}
