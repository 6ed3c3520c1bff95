using CostDsl.Output;
using CostDsl.Output.Formats;
using CostDsl.Tests.Support;

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
    [TestCase("clamp(7, 0, 5)", 5)]
    [TestCase("clamp(-2, 0, 5)", 0)]
    [TestCase("clamp(3, 0, 5)", 3)]
    [TestCase("ceil_to(13, 8)", 16)]
    [TestCase("ceil_to(16, 8)", 16)]
    [TestCase("ceil_to(1.1, 0.1)", 1.1)]
    [TestCase("ceil_to(-3, 8)", 0)]
    public void PlainNumbers(string expression, double expected) =>
        Assert.That(Library.Value(expression, "unitless"), Is.EqualTo(expected).Within(1e-9).Percent);

    [TestCase("max(1 GB, 200 MB)", "GB", 1)]
    [TestCase("sum(1 GB, 500 MB)", "GB", 1.5)]
    [TestCase("abs(-2 s)", "ms", 2000)]
    [TestCase("sqrt(4 s^2)", "s", 2)]
    [TestCase("clamp(120%, 0%, 100%)", "percent", 100)]
    [TestCase("clamp(90 GB, 1 GB, 80000 MB)", "GB", 80)]
    [TestCase("ceil_to(100 GB, 80 GB)", "GB", 160)]
    [TestCase("ceil_to(100 GB, 80000 MB)", "GB", 160)]
    [TestCase("ceil_to(61 min, 1 h)", "h", 2)]
    public void QuantitiesKeepTheirDimension(string expression, string unit, double expected) =>
        Assert.That(Library.Value(expression, unit), Is.EqualTo(expected).Within(1e-9).Percent);

    [Test]
    public void RoundingAQuantityIsAnError() =>
        Assert.That(Library.Codes("ceil(2.5 GB)"), Is.EqualTo(new[] { "CD0203" }));

    /// <summary>clamp's bounds are in the dimension of x (declared on its parameters, checked at the call) and in order (checked when it runs).</summary>
    [Test]
    public void ClampChecksItsBounds()
    {
        Assert.That(Library.Codes("clamp(90 GB, 1 s, 80 GB)"), Is.EqualTo(new[] { "CD0203" }));
        Assert.That(Library.Codes("clamp(3, 5, 1)"), Is.EqualTo(new[] { "CD0405" }));
    }

    /// <summary>An uncertain x is clamped sample by sample: every sample of clamp(x, lo, hi) lies inside [lo, hi].</summary>
    [Test]
    public void ClampHoldsEverySample()
    {
        var run = Spec.Run("let u = 20% to 150%\noutput x = clamp(u, 30%, 100%) in percent");
        Assert.That(run.Diagnostics, Is.Empty);
        var x = ((CostDsl.Runtime.Quantity)run.Evaluation!.Outputs.Single(o => o.Name == "x").Value).Magnitude;
        var samples = Enumerable.Range(0, x.Count).Select(x.At).ToList();
        Assert.That(samples, Has.All.InRange(0.3, 1.0));
        Assert.That(samples, Has.Some.EqualTo(0.3), "u reaches below 30%, so the low bound is hit");
        Assert.That(samples, Has.Some.EqualTo(1.0), "u reaches above 100%, so the high bound is hit");
    }

    /// <summary>ceil_to's step is in the dimension of x (checked at the call) and above zero (checked when it runs).</summary>
    [Test]
    public void CeilToChecksItsStep()
    {
        Assert.That(Library.Codes("ceil_to(90 GB, 1 s)"), Is.EqualTo(new[] { "CD0203" }));
        Assert.That(Library.Codes("ceil_to(3, 0)"), Is.EqualTo(new[] { "CD0405" }));
        Assert.That(Library.Codes("ceil_to(3, -1)"), Is.EqualTo(new[] { "CD0405" }));
    }

    /// <summary>A function whose declaration says it keeps its first argument's unit shows its result in that unit (no list of names elsewhere).</summary>
    [TestCase("let need = 100 GiB\noutput cards = ceil_to(need, 80 GiB)", "  cards  160 GiB\n")]
    [TestCase("let u = 120%\noutput share = clamp(u, 0%, 100%)", "  share  100%\n")]
    [TestCase("let need = 100 GiB\noutput most = max(need, 80 GiB)", "  most  100 GiB\n")]
    public void AFunctionThatKeepsItsArgumentsUnitShowsItsResultInIt(string text, string row) =>
        Assert.That(OutputFormats.Find("table")!.Write([Spec.Run(text)], OutputOptions.Default), Does.Contain(row));
}
