using CostDsl.Estimation.Serving;
using CostDsl.Estimation.Training;

namespace CostDsl.Validation;

/// <summary>The estimator of each case kind that `costdsl validate` dispatches to. One line a kind.</summary>
public static class CaseEstimators
{
    public static IReadOnlyList<ICaseEstimator> All() =>
    [
        new ServingCaseEstimator(),
        new TrainingCaseEstimator(),
    ];
}
