using CostDsl.Validation;

namespace CostDsl.Estimation.Serving;

/// <summary>Predicts serving cases (throughput, TTFT, TPOT) with the serving step model.</summary>
public sealed class ServingCaseEstimator : ICaseEstimator
{
    public string Kind => MeasurementCase.ServingKind;

    public IReadOnlyList<MetricEstimate> Estimate(MeasurementCase measurementCase, EstimationContext context) =>
        [.. measurementCase.Measured.Select(m => MetricEstimate.NotEstimated(m, "the serving model is not built yet"))];
}
