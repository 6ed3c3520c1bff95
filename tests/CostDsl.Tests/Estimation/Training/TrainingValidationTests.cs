using CostDsl.Estimation;
using CostDsl.Estimation.Training;
using CostDsl.Tests.Support;
using CostDsl.Validation;

namespace CostDsl.Tests.Estimation.Training;

/// <summary>The targets on the dev and the held-out training sets, as `costdsl validate` computes them (seed 1, 500 samples).</summary>
public class TrainingValidationTests
{
    [TestCase("dev")]
    [TestCase("heldout")]
    public void SetMeetsTheTargets(string set)
    {
        var file = MeasurementReader.ReadFile(Repository.PathTo("examples", "validation", set, "training.json"));
        var context = new EstimationContext(DeviceCatalog.LoadBundled(), 1, 500);
        var summary = new ValidationRunner([new TrainingCaseEstimator()], context).Run([file]).Summary;
        Assert.That(summary.Estimated, Is.EqualTo(summary.Cases), "every figure is estimated");
        Assert.That(summary.MedianApe, Is.LessThanOrEqualTo(0.10));
        Assert.That(summary.WorstApe, Is.LessThanOrEqualTo(0.25));
        Assert.That(summary.Coverage90, Is.GreaterThanOrEqualTo(0.80));
    }
}
