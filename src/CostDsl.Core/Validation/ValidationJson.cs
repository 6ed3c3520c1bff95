using CostDsl.Output;

namespace CostDsl.Validation;

/// <summary>
/// The validate report as JSON: <c>{"summary": {...}, "cases": [{"id", "metric", "measured", "predicted", "p5", "p95", "error"}]}</c>.
/// A figure not estimated has null predictions and error and a "reason". APEs and coverage are fractions.
/// </summary>
public static class ValidationJson
{
    public static string Render(ValidationReport report) => JsonOut.Write(json => json.Object(() =>
    {
        var s = report.Summary;
        json.Object("summary", () => json
            .Integer("cases", s.Cases)
            .Integer("estimated", s.Estimated)
            .RoundTrip("median_ape", s.MedianApe)
            .RoundTrip("mean_ape", s.MeanApe)
            .RoundTrip("worst_ape", s.WorstApe)
            .RoundTrip("coverage90", s.Coverage90));
        json.Array("cases", report.Rows, row => json.Object(() => json
            .String("id", row.CaseId)
            .String("metric", row.Estimate.Metric)
            .RoundTrip("measured", row.Estimate.Measured)
            .RoundTrip("predicted", row.Estimate.Prediction?.Median)
            .RoundTrip("p5", row.Estimate.Prediction?.P5)
            .RoundTrip("p95", row.Estimate.Prediction?.P95)
            .RoundTrip("error", row.Estimate.Error)
            .OptionalString("reason", row.Estimate.Reason)));
    }));
}
