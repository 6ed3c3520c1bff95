using CostDsl.Parsing;
using CostDsl.Semantics;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.Robustness;

/// <summary>Sprache recurses and a stack overflow cannot be caught: huge inputs must give a value or a diagnostic.</summary>
public class DeepInputTests
{
    [Test]
    public void ASumOfTwentyThousandTermsHasAValue()
    {
        var sum = string.Join(" + ", Enumerable.Repeat("1 GB", 20_000));
        Assert.That(Spec.Clean($"output x = {sum} in GB").Output("x").Value, Is.EqualTo(20_000));
    }

    [Test]
    public void ThreeThousandNestedParenthesesHaveAValue()
    {
        var nested = new string('(', 3000) + "2" + new string(')', 3000);
        Assert.That(Spec.Clean($"output x = {nested}").Output("x").Value, Is.EqualTo(2));
    }

    [Test]
    public void NestingPastTheLimitIsADiagnostic()
    {
        var depth = Parser.DefaultMaxDepth + 1000;
        var result = Spec.Run($"output x = {new string('(', depth)}1{new string(')', depth)}\noutput y = 2");
        var diagnostic = result.Single("CD0103");
        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Message, Is.EqualTo($"expression nested more than {Parser.DefaultMaxDepth} levels deep"));
            Assert.That(diagnostic.Line, Is.EqualTo(1));
        });
    }

    [Test]
    public void AChainPastTheDepthLimitIsADiagnostic()
    {
        var terms = string.Join(" + ", Enumerable.Repeat("1", Checker.MaxExpressionDepth + 10));
        Assert.That(Spec.Run($"output x = {terms}").Errors(), Is.EqualTo(new[] { "1:12 CD0103" }));
    }

    [TestCase("-", 20_000)]
    [TestCase("not ", 20_000)]
    public void LongPrefixChainsGiveAValueOrADiagnostic(string prefix, int count)
    {
        var expression = string.Concat(Enumerable.Repeat(prefix, count)) + (prefix == "-" ? "1" : "(1 < 2)");
        var result = Spec.Run($"output x = {expression}");
        Assert.That(result.Evaluation is not null || result.HasErrors, Is.True);
        Assert.That(result.Diagnostics.Select(d => d.Code.Id), Has.None.EqualTo("CD0999"));
    }
}
