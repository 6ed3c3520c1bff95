namespace CostDsl.Validation;

/// <summary>
/// Predicts the measured figures of one kind of case (serving, training). The validate runner sends each
/// case to the estimator of its kind; an estimator answers every measured metric of the case, with a
/// prediction or with the reason it cannot make one (never a made-up number).
/// </summary>
public interface ICaseEstimator
{
    /// <summary>The case kind it handles: <see cref="MeasurementCase.ServingKind"/> or <see cref="MeasurementCase.TrainingKind"/>.</summary>
    string Kind { get; }

    /// <summary>One answer per entry of <see cref="MeasurementCase.Measured"/>, in the same order.</summary>
    IReadOnlyList<MetricEstimate> Estimate(MeasurementCase measurementCase, EstimationContext context);
}
