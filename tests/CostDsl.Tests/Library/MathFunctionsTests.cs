namespace CostDsl.Tests.Library;

public class MathFunctionsTests
{
    [TestCase("ceil(2.1)", 3)]
    [TestCase("floor(2.9)", 2)]
    [TestCase("round(2.5)", 3)]
    [TestCase("abs(-4)", 4)]
    [TestCase("sqrt(16)", 4)]
    [TestCase("ln(exp(2))", 2)]
    [TestCase("log10(1000)", 3)]
    [TestCase("min(3, 1, 2)", 1)]
    [TestCase("max([3, 1, 2])", 3)]
    [TestCase("sum(3, 1, 2)", 6)]
    [TestCase("mean(3, 1, 2)", 2)]
    public void PlainNumbers(string expression, double expected) =>
        Assert.That(Library.Value(expression, "unitless"), Is.EqualTo(expected).Within(1e-9).Percent);

    [TestCase("max(1 GB, 200 MB)", "GB", 1)]
    [TestCase("sum(1 GB, 500 MB)", "GB", 1.5)]
    [TestCase("abs(-2 s)", "ms", 2000)]
    [TestCase("sqrt(4 s^2)", "s", 2)]
    public void QuantitiesKeepTheirDimension(string expression, string unit, double expected) =>
        Assert.That(Library.Value(expression, unit), Is.EqualTo(expected).Within(1e-9).Percent);

    [Test]
    public void RoundingAQuantityIsAnError() =>
        Assert.That(Library.Codes("ceil(2.5 GB)"), Is.EqualTo(new[] { "CD0203" }));
}
