using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Runtime;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.Uncertainty;

/// <summary>
/// A chain of arithmetic over many samples is computed in one fused pass (EvaluationSession.Fused);
/// over a few hundred it is computed operator by operator. Each sample must be the IEEE result of the
/// same operations, and an error must be the same diagnostic at the same operator either way.
/// </summary>
public class FusedChainTests
{
    private const string Inputs = "let a = 1 to 2\nlet b = 3 to 4\nlet c = -1 to 5\n";

    // Below the fused path's threshold (two blocks of 1,024) and well above it.
    private const int OperatorByOperator = 200;
    private const int Fused = 20_000;

    [Test]
    public void EverySampleIsTheSameOperationsOnTheSameDraws()
    {
        var result = Spec.Run(Inputs + "output o = (a * 2 + b) / (c - 7) - -a * (1 - b / 3)\n", new EvaluationOptions { Samples = Fused, Seed = 5 });
        Assert.That(result.Diagnostics, Is.Empty, () => DiagnosticRenderer.RenderAll(result.Diagnostics));
        var draws = result.Evaluation!.UncertainInputs.ToDictionary(i => i.Name, i => i.Draws);
        var samples = ((Quantity)result.Evaluation.Outputs.Single().Value).Magnitude.Samples;
        Assert.That(samples.Length, Is.EqualTo(Fused));
        for (var i = 0; i < samples.Length; i++)
        {
            var (a, b, c) = (draws["a"][i], draws["b"][i], draws["c"][i]);
            var expected = (((a * 2) + b) / (c - 7)) - (-a * (1 - (b / 3)));
            if (BitConverter.DoubleToInt64Bits(samples[i]) != BitConverter.DoubleToInt64Bits(expected))
            {
                Assert.Fail($"sample {i}: {samples[i]:R}, but the same operations give {expected:R}");
            }
        }
    }

    [TestCase("output o = b * 2 / (a - a) + 1", "4:18 CD0401")]
    [TestCase("output o = a * b / 0 + c", "4:18 CD0401")]
    [TestCase("output o = 1 / (a * 1e200 * 1e200)", "4:27 CD0402")]
    [TestCase("output o = -(a * 1e300) * 1e300 + b", "4:25 CD0402")]
    [TestCase("output o = (a * 1e300 * 1e300) + bad\nlet bad = 1 / 0", "4:23 CD0402")]
    [TestCase("output o = (a - a) * 0 / (b - b) * 1e300 * 1e300", "4:24 CD0401")]
    [TestCase("output o = a * 1e300 + (c * 1e300 * 1e300 - bad)\nlet bad = b / (a - a)", "4:35 CD0402")]
    public void AnErrorInAChainIsTheSameFusedOrOperatorByOperator(string spec, string error)
    {
        var slow = Spec.Run(Inputs + spec + "\n", new EvaluationOptions { Samples = OperatorByOperator, Seed = 2 });
        var fused = Spec.Run(Inputs + spec + "\n", new EvaluationOptions { Samples = Fused, Seed = 2 });
        Assert.That(slow.Errors(), Does.Contain(error), () => DiagnosticRenderer.RenderAll(slow.Diagnostics));
        Assert.That(DiagnosticRenderer.RenderAll(fused.Diagnostics), Is.EqualTo(DiagnosticRenderer.RenderAll(slow.Diagnostics)));
    }
}
