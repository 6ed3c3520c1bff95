using CostDsl.Engine;
using CostDsl.Output;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.Uncertainty;

/// <summary>
/// Arithmetic on temporaries reuses their arrays (a dead one feeds the next operation): the samples
/// must be those of the same formula written through lets, which are never reused, to the bit.
/// </summary>
public class BufferReuseTests
{
    private const string Inputs = "let a = 1 to 2\nlet b = 3 to 4\nlet c = -1 to 5\n";

    private static string Json(string outputs) =>
        JsonReport.Write(Spec.Run(Inputs + outputs, new EvaluationOptions { Samples = 20_000, Seed = 3 }));

    [Test]
    public void AChainOfTemporariesGivesTheSamplesOfTheSameChainThroughLets()
    {
        var inline = Json("output o = ((a * 2 + b * 3) * (a - b) / (b * b + a) - (c * a + b)) * (a + c) / (b - a * 0.5)\noutput p = a * b + b * c\n");
        var named = Json("""
            let t1 = a * 2
            let t2 = b * 3
            let t3 = t1 + t2
            let t4 = a - b
            let t5 = t3 * t4
            let t6 = b * b
            let t7 = t6 + a
            let t8 = t5 / t7
            let t9 = c * a
            let t10 = t9 + b
            let t11 = t8 - t10
            let t12 = a + c
            let t13 = t11 * t12
            let t14 = a * 0.5
            let t15 = b - t14
            output o = t13 / t15
            let u1 = a * b
            let u2 = b * c
            output p = u1 + u2

            """);
        Assert.That(inline, Is.EqualTo(named));
    }
}
