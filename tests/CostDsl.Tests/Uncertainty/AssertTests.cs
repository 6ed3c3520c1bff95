using CostDsl.Engine;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.Uncertainty;

/// <summary>An assert on an uncertain value states what it tests, never the mean silently.</summary>
public class AssertTests
{
    [Test]
    public void AnUncertainConditionMustSayWhatItTests()
    {
        var result = Spec.Run("let cost = 1 USD to 10 USD\nassert cost < 5 USD \"cheap\"", new EvaluationOptions { Samples = 1000 });
        var diagnostic = result.Single("CD0406");
        Assert.Multiple(() =>
        {
            Assert.That((diagnostic.Line, diagnostic.Column), Is.EqualTo((2, 8)));
            Assert.That(diagnostic.Message, Does.Contain("P(condition) > 95%"));
            Assert.That(result.ExitCode, Is.EqualTo(1));
        });
    }

    [Test]
    public void AProbabilityOrAPercentileCanBeAsserted()
    {
        var result = Spec.Run(
            "let cost = 1 USD to 10 USD\nassert P(cost > 9 USD) < 10% \"rarely over\"\nassert percentile(cost, 95%) < 11 USD\nassert P(cost < 2 USD) > 50% \"mostly cheap\"",
            new EvaluationOptions { Samples = 20_000 });
        Assert.That(result.Evaluation!.Asserts.Select(a => (a.Line, a.Passed)), Is.EqualTo(new[] { (2, true), (3, true), (4, false) }));
    }
}
