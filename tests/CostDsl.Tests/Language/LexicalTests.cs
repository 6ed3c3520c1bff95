using CostDsl.Tests.Support;

namespace CostDsl.Tests.Language;

public class LexicalTests
{
    [Test]
    public void BothCommentStylesRunToTheEndOfTheLine()
    {
        var result = Spec.Clean("""
            # a comment
            let a = 1   # trailing
            let b = 2   // trailing too
            // a whole line
            output x = a + b
            """);
        Assert.That(result.Output("x").Value, Is.EqualTo(3));
    }

    [Test]
    public void AnExpressionContinuesAfterATrailingOperatorAndInsideBrackets()
    {
        var result = Spec.Clean("""
            output x = 1 +
                2 * (3 +
                     4)
            output y = max([1,
                            5,
                            2])
            """);
        Assert.Multiple(() =>
        {
            Assert.That(result.Output("x").Value, Is.EqualTo(15));
            Assert.That(result.Output("y").Value, Is.EqualTo(5));
        });
    }

    [Test]
    public void AStatementEndsAtTheEndOfItsLine()
    {
        // Without a trailing operator, the next line is a new statement: '- 1' alone is an error.
        var result = Spec.Run("output x = 1\n  - 1");
        Assert.That(result.Errors(), Is.EqualTo(new[] { "2:3 CD0101" }));
    }

    [Test]
    public void SemicolonsSeparateStatementsAndOneLineBlockFields()
    {
        var result = Spec.Clean("hardware T { int8 = 130 TOPS; memory = 16 GB }; output m = T.memory in GB; output i = T.int8 in TOPS");
        Assert.Multiple(() =>
        {
            Assert.That(result.Output("m"), Is.EqualTo((16.0, "GB")));
            Assert.That(result.Output("i"), Is.EqualTo((130.0, "TOPS")));
        });
    }

    [Test]
    public void KeywordsMayNameFieldsOfBlocks()
    {
        // The language design's own workload has fields named output and input.
        var result = Spec.Clean("workload chat {\n  input = 50 token\n  output = 1000 token\n}\noutput total = chat.input + chat.output");
        Assert.That(result.Output("total"), Is.EqualTo((1050.0, "token")));
    }

    [Test]
    public void ANumberTooLargeForADoubleIsAnError() =>
        Assert.That(Spec.Run("output x = 1e999").Errors(), Is.EqualTo(new[] { "1:12 CD0106" }));
}
