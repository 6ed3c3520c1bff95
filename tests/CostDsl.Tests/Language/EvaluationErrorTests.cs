using CostDsl.Tests.Support;

namespace CostDsl.Tests.Language;

/// <summary>Division by zero, overflow and NaN are located errors, never a silent NaN or Infinity.</summary>
public class EvaluationErrorTests
{
    [Test]
    public void DivisionByZeroPointsAtTheSlash()
    {
        var result = Spec.Run("let n = 0\noutput x = 10 GB / n\noutput y = 2");
        var diagnostic = result.Single("CD0401");
        Assert.Multiple(() =>
        {
            Assert.That((diagnostic.Line, diagnostic.Column), Is.EqualTo((2, 18)));
            Assert.That(result.Evaluation!.Outputs.Select(o => o.Name), Is.EqualTo(new[] { "y" }), "the other outputs are still computed");
            Assert.That(result.ExitCode, Is.EqualTo(1));
        });
    }

    [Test]
    public void OverflowIsAnError() =>
        Assert.That(Spec.Run("output x = 1e300 * 1e300").Errors(), Is.EqualTo(new[] { "1:18 CD0402" }));

    [Test]
    public void OutsideAFunctionsDomainIsAnError() =>
        Assert.That(Spec.Run("output x = ln(0)").Errors(), Is.EqualTo(new[] { "1:12 CD0405" }));

    [Test]
    public void NotANumberIsAnError() =>
        Assert.That(Spec.Run("output x = (-8) ^ 0.5").Errors(), Is.EqualTo(new[] { "1:17 CD0403" }));

    [Test]
    public void EveryFailingOutputIsReported()
    {
        var result = Spec.Run("let zero = 0\noutput a = 1 / zero\noutput b = 2 / zero\noutput c = 1e308 * 10");
        Assert.That(result.Errors(), Is.EqualTo(new[] { "2:14 CD0401", "3:14 CD0401", "4:18 CD0402" }));
    }

    [Test]
    public void OnlyTheBranchTakenIsEvaluated() =>
        Assert.That(Spec.Clean("let n = 0\noutput x = if n > 0 then 1 / n else 0").Output("x").Value, Is.EqualTo(0));

    [Test]
    public void AFailedAssertFailsTheRunWithItsMessage()
    {
        var result = Spec.Run("let budget = 2e6 USD\nassert budget < 1e6 USD \"stays inside the pilot budget\"\nassert budget > 0 USD");
        Assert.Multiple(() =>
        {
            Assert.That(result.Evaluation!.Asserts.Select(a => (a.Line, a.Message, a.Passed)), Is.EqualTo(new[]
            {
                (2, "stays inside the pilot budget", false),
                (3, "budget > 0 USD", true),
            }));
            Assert.That(result.Single("CD0404").Message, Is.EqualTo("assert failed: stays inside the pilot budget"));
            Assert.That(result.ExitCode, Is.EqualTo(1));
        });
    }
}
