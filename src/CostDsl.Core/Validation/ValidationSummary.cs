namespace CostDsl.Validation;

/// <summary>
/// Aggregates over rows: <see cref="Cases"/> counts measured figures (a case with two metrics counts twice),
/// <see cref="Estimated"/> those with a prediction; the APEs (fractions) and the share of measured values
/// inside [p5, p95] are over the estimated ones only, and null when none is.
/// </summary>
public sealed record ValidationSummary(int Cases, int Estimated, double? MedianApe, double? MeanApe, double? WorstApe, double? Coverage90)
{
    public static ValidationSummary Of(IEnumerable<ValidationRow> rows)
    {
        var all = rows.ToList();
        var estimated = all.Where(r => r.Estimate.IsEstimated).ToList();
        var apes = estimated.Select(r => Math.Abs(r.Estimate.Error!.Value)).Order().ToList();
        return new ValidationSummary(
            all.Count,
            estimated.Count,
            apes.Count == 0 ? null : Median(apes),
            apes.Count == 0 ? null : apes.Average(),
            apes.Count == 0 ? null : apes[^1],
            estimated.Count == 0 ? null : estimated.Count(r => r.Estimate.Covered == true) / (double)estimated.Count);
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
