namespace CostDsl.Validation;

/// <summary>
/// Runs every case of some measurement files through the estimator of its kind. A case whose kind has no
/// estimator, or whose estimator fails on it, is "not estimated" with the reason: it counts against the
/// estimated share, never as an error of zero.
/// </summary>
public sealed class ValidationRunner(IEnumerable<ICaseEstimator> estimators, EstimationContext context)
{
    private readonly Dictionary<string, ICaseEstimator> byKind = estimators.ToDictionary(e => e.Kind, StringComparer.Ordinal);

    public ValidationReport Run(IEnumerable<MeasurementFile> files)
    {
        var rows = new List<ValidationRow>();
        foreach (var file in files)
        {
            foreach (var one in file.Cases)
            {
                rows.AddRange(Estimate(one).Select(e => new ValidationRow(file.Path, one.Id, one.Group, e)));
            }
        }

        return new ValidationReport(rows);
    }

    public IReadOnlyList<MetricEstimate> Estimate(MeasurementCase measurementCase)
    {
        if (!byKind.TryGetValue(measurementCase.Kind, out var estimator))
        {
            return [.. measurementCase.Measured.Select(m => MetricEstimate.NotEstimated(m, $"no {measurementCase.Kind} model yet"))];
        }

        var estimates = estimator.Estimate(measurementCase, context);
        if (estimates.Count != measurementCase.Measured.Length
            || estimates.Zip(measurementCase.Measured).Any(p => p.First.Metric != p.Second.Metric))
        {
            throw new InvalidOperationException($"the {estimator.Kind} estimator did not answer each measured metric of {measurementCase.Id} in order");
        }

        return estimates;
    }
}
