using CostDsl.Engine;
using CostDsl.Output;
using CostDsl.Runtime;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.Reproducibility;

/// <summary>The sampling rule: draws follow from what a spec means (module, declaration, position, call path), never from its text.</summary>
public class SamplingKeyTests
{
    private static readonly EvaluationOptions Options = new() { Samples = 2_000 };

    private static double[] Draws(RunResult result, string name)
    {
        var output = result.Evaluation?.Outputs.SingleOrDefault(o => o.Name == name);
        Assert.That(output, Is.Not.Null, () => string.Join("\n", result.Diagnostics));
        return ((Quantity)output!.Value).Magnitude.IsExact ? [((Quantity)output.Value).Magnitude.Value] : ((Quantity)output.Value).Magnitude.Samples.ToArray();
    }

    [Test]
    public void EachCallOfAFunctionDrawsAnewButOneLetIsOneDraw()
    {
        var result = Spec.Run("fn jitter(x) = x * (0.9 to 1.1)\nlet j = jitter(100)\noutput d = jitter(100) - jitter(100)\noutput z = j - j", Options);
        var d = Draws(result, "d");
        Assert.Multiple(() =>
        {
            Assert.That(d.Max() - d.Min(), Is.GreaterThan(5), "two calls are two independent draws of about 100 +- 10%");
            Assert.That(Draws(result, "z"), Is.All.EqualTo(0.0), "a let holds one draw; j - j is exactly 0");
        });
    }

    [Test]
    public void ACallInsideAFunctionCalledTwiceAlsoDrawsAnew()
    {
        var result = Spec.Run("fn noise() = 0.9 to 1.1\nfn twice(x) = x * noise()\noutput d = twice(100) - twice(100)", Options);
        Assert.That(Draws(result, "d").Max(), Is.GreaterThan(1));
    }

    [Test]
    public void LayoutCommentsAndThePathDoNotMoveTheDraws()
    {
        var plain = Spec.Run("let a = 1 to 3\nlet b = 2 * (4 to 9)\noutput y = a * b", Options, "one.cost");
        var moved = Spec.Run("# a comment\n\n\n# and blank lines\nlet b   =   2*( 4 to 9 )   # moved first\n\nlet a = 1 to 3\noutput y = a*b", Options, "sub/other-name.cost");
        Assert.That(Draws(moved, "y"), Is.EqualTo(Draws(plain, "y")));
    }

    [Test]
    public void AnotherDeclarationOrPositionDrawsDifferently()
    {
        var result = Spec.Run("let a = 1 to 3\nlet b = 1 to 3\noutput c = (1 to 3) + (1 to 3)\noutput d = a - b", Options);
        Assert.That(Draws(result, "d").Max(), Is.GreaterThan(0.1), "a and b are written alike but are different inputs");
    }

    [Test]
    public void TheSeedChangesTheDraws()
    {
        var one = Spec.Run("output y = 1 to 3", Options);
        var two = Spec.Run("output y = 1 to 3", Options with { Seed = 2 });
        Assert.That(Draws(two, "y"), Is.Not.EqualTo(Draws(one, "y")));
    }

    [Test]
    public void ASetOverrideIsAnInputOfItsOwnAndSensitivityNamesEachCall()
    {
        var result = Spec.Run(
            "fn jitter(x) = x * (0.5 to 1.5)\nlet wide = 1 to 100\noutput y = wide + jitter(1) + jitter(1)",
            Options with { Sensitivity = "y", Sets = ["wide=1 to 1000"] });
        var names = result.Sensitivity!.Inputs.Select(i => i.Name).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(names[0], Is.EqualTo("wide"));
            Assert.That(names, Has.Count.EqualTo(3));
            Assert.That(names, Is.Unique);
        });
    }
}
