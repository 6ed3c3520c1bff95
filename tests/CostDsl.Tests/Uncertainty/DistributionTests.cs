using CostDsl.Engine;
using CostDsl.Output;
using CostDsl.Runtime;
using CostDsl.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Uncertainty;

public class DistributionTests
{
    private static RunResult Sampled(string text, int samples = 100_000, int seed = 1) =>
        Spec.Run(text, new EvaluationOptions { Samples = samples, Seed = seed });

    private static Statistics Stats(RunResult result, string name)
    {
        var output = result.Evaluation!.Outputs.Single(o => o.Name == name);
        var point = PointValue.Of(((Quantity)output.Value).Magnitude, result.Evaluation.Layout, 0, output.Scale);
        Assert.That(point.Statistics, Is.Not.Null, $"{name} should be uncertain");
        return point.Statistics!;
    }

    [Test]
    public void OneToTenHasItsPercentilesAtTheEndsAndItsMedianAtTheGeometricMean()
    {
        var stats = Stats(Sampled("output x = 1 to 10"), "x");
        Assert.Multiple(() =>
        {
            // At 100,000 samples the 5th and 95th percentiles are within about 1% of their targets.
            Assert.That(stats.P50, Is.EqualTo(Math.Sqrt(10)).Within(1.5).Percent);
            Assert.That(stats.P5, Is.EqualTo(1).Within(2).Percent);
            Assert.That(stats.P95, Is.EqualTo(10).Within(2).Percent);
        });
    }

    [Test]
    public void ARangeOfPercentagesFlowsThroughADivisionWithUnits()
    {
        var result = Sampled("let util = 25% to 49%\noutput needed = 100 TFLOP/s / (312 TFLOP/s * util)\noutput rate = 312 TFLOP/s * util in TFLOP/s");
        var needed = Stats(result, "needed");
        var rate = Stats(result, "rate");
        Assert.Multiple(() =>
        {
            Assert.That(result.Output("needed").Unit, Is.Empty);
            Assert.That(result.Output("rate").Unit, Is.EqualTo("TFLOP/s"));
            Assert.That(rate.P5, Is.EqualTo(312 * 0.25).Within(2).Percent);
            Assert.That(rate.P95, Is.EqualTo(312 * 0.49).Within(2).Percent);
            Assert.That(needed.P95, Is.EqualTo(100 / (312 * 0.25)).Within(2).Percent);
        });
    }

    [Test]
    public void ARangeWithANonPositiveEndIsNormal()
    {
        var stats = Stats(Sampled("output x = -1 to 1"), "x");
        Assert.Multiple(() =>
        {
            Assert.That(stats.Mean, Is.EqualTo(0).Within(0.02));
            Assert.That(stats.P95, Is.EqualTo(1).Within(2).Percent);
        });
    }

    [Test]
    public void AnOutputThatUsesAnInputTwiceSharesItsSamples()
    {
        var result = Sampled("let a = 1 GB to 10 GB\noutput zero = a - a\noutput ratio = a / a", samples: 1000);
        var json = JObject.Parse(JsonReport.Write(result));
        Assert.Multiple(() =>
        {
            Assert.That(json["outputs"]!["zero"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("""{"value":0,"unit":"B"}"""));
            Assert.That(json["outputs"]!["ratio"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("""{"value":1,"unit":""}"""));
        });
    }

    [Test]
    public void TheSameSeedGivesTheSameBytesAndAnotherSeedOtherSamples()
    {
        const string text = "let util = 25% to 55%\noutput x = 100 / util\noutput n = normal(10 GB, 1 GB) in GB\noutput t = triangular(1 s, 2 s, 5 s)\noutput u = uniform(0, 1)";
        var first = JsonReport.Write(Sampled(text, samples: 5000, seed: 7));
        var again = JsonReport.Write(Sampled(text, samples: 5000, seed: 7));
        var other = JsonReport.Write(Sampled(text, samples: 5000, seed: 8));
        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(first));
            Assert.That(other, Is.Not.EqualTo(first));
        });
    }

    [Test]
    public void UncertainOutputsCarryTheirStatisticsInTheJson()
    {
        var json = JObject.Parse(JsonReport.Write(Sampled("output x = 1 GB to 2 GB in GB", samples: 2000), new OutputOptions(Histogram: true)));
        var x = (JObject)json["outputs"]!["x"]!;
        Assert.Multiple(() =>
        {
            Assert.That(x.Properties().Select(p => p.Name), Is.EqualTo(new[] { "value", "unit", "mean", "sd", "p5", "p25", "p50", "p75", "p95", "histogram" }));
            Assert.That(x["value"]!.Value<double>(), Is.EqualTo(x["mean"]!.Value<double>()), "value is the mean");
            Assert.That(x["unit"]!.Value<string>(), Is.EqualTo("GB"));
            Assert.That(x["histogram"]!["counts"]!.Values<int>().Sum(), Is.EqualTo(2000));
            Assert.That(x["histogram"]!["edges"]!.Count(), Is.EqualTo(21));
        });
    }

    [Test]
    public void AFileWithoutUncertaintyIsEvaluatedExactlyOnce()
    {
        var result = Spec.Clean("output x = 2 GB * 3");
        Assert.Multiple(() =>
        {
            Assert.That(result.Evaluation!.Layout, Is.EqualTo(new Layout(1, 1)));
            Assert.That(((Quantity)result.Evaluation.Outputs[0].Value).Magnitude.IsExact, Is.True);
        });
    }

    [TestCase("output x = 10 to 1", "CD0407")]
    [TestCase("output x = normal(1, -1)", "CD0407")]
    [TestCase("output x = (1 to 2) to 3", "CD0407")]
    [TestCase("output x = uniform(1 GB, 2 s)", "CD0203")]
    public void ImpossibleDistributionsAreErrors(string text, string code) =>
        Assert.That(Spec.Run(text).Diagnostics.Select(d => d.Code.Id), Does.Contain(code));

    [Test]
    public void StatisticsTurnUncertainValuesIntoExactOnes()
    {
        var result = Sampled("let x = normal(100, 10)\noutput m = mean(x)\noutput spread = sd(x)\noutput p = percentile(x, 50%)\noutput q = P(x > 100)");
        Assert.Multiple(() =>
        {
            Assert.That(result.Output("m").Value, Is.EqualTo(100).Within(0.2));
            Assert.That(result.Output("spread").Value, Is.EqualTo(10).Within(0.2));
            Assert.That(result.Output("p").Value, Is.EqualTo(100).Within(0.2));
            Assert.That(result.Output("q").Value, Is.EqualTo(0.5).Within(0.01));
        });
    }
}
