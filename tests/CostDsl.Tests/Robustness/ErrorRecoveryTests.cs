using CostDsl.Tests.Support;

namespace CostDsl.Tests.Robustness;

public class ErrorRecoveryTests
{
    [Test]
    public void ThreeUnrelatedErrorsAreAllReportedWithTheirLines()
    {
        var result = Spec.Run("""
            let a = 19.5 TFLOP/s + 80 GB
            let b = (1 +
            let ok = 2
            output c = nonsense * 2
            """);
        Assert.That(result.Errors(), Is.EqualTo(new[] { "1:22 CD0201", "3:1 CD0101", "4:12 CD0301" }));
    }

    [Test]
    public void ABadFieldDoesNotLoseTheRestOfItsBlock()
    {
        var result = Spec.Run("hardware H {\n  size = 80 @ GB\n  power = 400 W\n  bandwidth = * 2\n}\noutput p = H.power in W");
        Assert.That(result.Errors(), Is.EqualTo(new[] { "2:13 CD0102", "4:15 CD0101" }));
    }

    [Test]
    public void AnOperatorAtTheEndOfALineContinuesTheExpression()
    {
        // 'memory = 80 GB +' goes on to the next line, so the next field is read as part of it.
        var result = Spec.Run("hardware H {\n  memory = 80 GB +\n  power = 400 W\n}");
        Assert.That(result.Errors(), Is.EqualTo(new[] { "3:3 CD0301", "3:9 CD0102" }));
    }

    [Test]
    public void AnUnclosedBlockIsReportedAtItsBrace()
    {
        var result = Spec.Run("hardware H {\n  memory = 80 GB\nlet x = 1");
        Assert.That(result.Errors(), Is.EqualTo(new[] { "1:12 CD0105" }));
    }

    [Test]
    public void GarbageAfterAStatementIsReported() =>
        Assert.That(Spec.Run("let a = 1 2 3\nlet b = 2").Errors(), Is.EqualTo(new[] { "1:11 CD0102" }));
}
