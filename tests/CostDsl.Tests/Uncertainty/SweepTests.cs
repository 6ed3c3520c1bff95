using CostDsl.Engine;
using CostDsl.Output;
using CostDsl.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Uncertainty;

public class SweepTests
{
    private const string Spec2x3 = """
        hardware G { price = 10000 USD }
        let count = 4
        output cost = count * G.price in USD
        sweep count in [1, 2]
        sweep G.price in [1000 USD, 2000 USD, 3000 USD]
        """;

    [Test]
    public void ATwoByThreeSweepGivesSixPointsInGridOrder()
    {
        var json = JObject.Parse(JsonReport.Write(Spec.Run(Spec2x3)));
        var points = (JArray)json["points"]!;
        Assert.Multiple(() =>
        {
            Assert.That(points, Has.Count.EqualTo(6));
            Assert.That(points.Select(p => (p["inputs"]!["count"]!["value"]!.Value<double>(), p["inputs"]!["G.price"]!["value"]!.Value<double>())), Is.EqualTo(new[]
            {
                (1.0, 1000.0), (1.0, 2000.0), (1.0, 3000.0), (2.0, 1000.0), (2.0, 2000.0), (2.0, 3000.0),
            }));
            Assert.That(points.Select(p => p["outputs"]!["cost"]!["value"]!.Value<double>()), Is.EqualTo(new[] { 1000.0, 2000, 3000, 2000, 4000, 6000 }));
            Assert.That(points[0]["inputs"]!["G.price"]!["unit"]!.Value<string>(), Is.EqualTo("USD"));
            Assert.That(json["outputs"]!.Children(), Is.Empty);
        });
    }

    [Test]
    public void ASweepIsOneEvaluationOverVectors()
    {
        var result = Spec.Clean(Spec2x3);
        var cost = (CostDsl.Runtime.Quantity)result.Evaluation!.Outputs.Single().Value;
        Assert.That(cost.Magnitude.Count, Is.EqualTo(6), "one vector of six points, not six evaluations");
    }

    [Test]
    public void CommandLineSweepsJoinTheGridAndCsvHasARowPerPoint()
    {
        var result = Spec.Run("let users = 1000\nlet interval = 3 s\noutput rps = users / interval", new EvaluationOptions { Sweeps = ["users=[1000, 2000]", "interval=[1 s, 2 s]"] });
        Assert.That(CsvReport.Write(result), Is.EqualTo("users,interval [s],rps [1/s]\n1000,1,1000\n1000,2,500\n2000,1,2000\n2000,2,1000\n"));
    }

    [Test]
    public void SweepingAFieldAlsoSweepsTheBlocksThatInheritIt()
    {
        var result = Spec.Run("workload Base { users = 1 }\nworkload Inherits extends Base { }\nworkload Overrides extends Base { users = 7 }\noutput b = Inherits.users\noutput c = Overrides.users\nsweep Base.users in [10, 20]");
        var json = JObject.Parse(JsonReport.Write(result));
        Assert.Multiple(() =>
        {
            Assert.That(json["points"]!.Select(p => p["outputs"]!["b"]!["value"]!.Value<double>()), Is.EqualTo(new[] { 10.0, 20 }));
            Assert.That(json["points"]!.Select(p => p["outputs"]!["c"]!["value"]!.Value<double>()), Is.EqualTo(new[] { 7.0, 7 }));
        });
    }

    [Test]
    public void UncertainSweepPointsShareTheirSamples()
    {
        var result = Spec.Run("let util = 25% to 50%\nlet users = 1\noutput load = users / util", new EvaluationOptions { Samples = 1000, Sweeps = ["users=[1, 2]"] });
        var json = JObject.Parse(JsonReport.Write(result));
        var p5 = json["points"]!.Select(p => p["outputs"]!["load"]!["p5"]!.Value<double>()).ToArray();
        Assert.That(p5[1], Is.EqualTo(2 * p5[0]).Within(1e-9).Percent, "the same random numbers at every point");
    }

    [Test]
    public void ASweepNeedsValuesOfTheRightDimension() =>
        Assert.That(Spec.Run("let x = 1 GB\nsweep x in [1 s, 2 s]").Errors(), Is.EqualTo(new[] { "2:12 CD0201" }));

    [Test]
    public void ASweepOfAnUnknownPathSuggestsAKnownOne() =>
        Assert.That(Spec.Run("let users = 1\nsweep user in [1]").Single("CD0301").Message, Does.Contain("did you mean 'users'?"));
}
