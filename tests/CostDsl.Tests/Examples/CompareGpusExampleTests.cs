using CostDsl.Engine;
using CostDsl.Output;
using CostDsl.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Examples;

/// <summary>examples/compare-gpus.cost, a sweep over three devices: its figures at each point, worked out by hand.</summary>
public class CompareGpusExampleTests
{
    private static readonly Lazy<JArray> Points = new(() =>
        (JArray)JObject.Parse(JsonReport.Write(Spec.Run(File.ReadAllText(Repository.PathTo("examples", "compare-gpus.cost")), new EvaluationOptions(), "examples/compare-gpus.cost")))["points"]!);

    // Weights: 8.030e9 params (std/models/llama.cost) * 2 B = 16.06 GB.
    [TestCase(0, "L4", 66.917, 53.533)]            // / 24 GB; / 300 GB/s
    [TestCase(1, "A100_80GB", 18.696, 7.8764)]     // / 80 GiB (85.899 GB); / 2039 GB/s
    [TestCase(2, "H100_SXM", 18.696, 4.7940)]      // / 80 GiB; / 3350 GB/s
    public void EachDeviceHoldsAndReadsTheWeightsAsWorkedOut(int point, string device, double sharePercent, double readMs)
    {
        var at = Points.Value[point]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)at["inputs"]!["hw"], Is.EqualTo(device));
            Assert.That((double)at["outputs"]!["weights_share"]!["value"]!, Is.EqualTo(sharePercent).Within(0.01).Percent);
            Assert.That((double)at["outputs"]!["weights_read"]!["value"]!, Is.EqualTo(readMs).Within(0.01).Percent);
        });
    }

    [Test]
    public void NoDecodeStepIsFasterThanReadingTheWeightsAndFasterDevicesStepFaster()
    {
        var medians = Points.Value.Select(p => (double)p["outputs"]!["tpot"]!["p50"]!).ToList();
        var floors = Points.Value.Select(p => (double)p["outputs"]!["weights_read"]!["value"]!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(medians.Zip(floors).All(m => m.First > m.Second), Is.True, string.Join(", ", medians));
            Assert.That(medians, Is.Ordered.Descending, "L4, A100, H100: each has more bandwidth than the one before");
        });
    }

    [Test]
    public void EnergyPerTokenIsTheBoardPowerOverTheRate()
    {
        // wh_per_mtoken = power / rate * 1e6 token, in Wh: 72 W, 400 W, 700 W (std/hardware/nvidia.cost); compared on the means.
        var powers = new[] { 72.0, 400, 700 };
        for (var i = 0; i < 3; i++)
        {
            var outputs = Points.Value[i]!["outputs"]!;
            var rate = (double)outputs["rate"]!["p50"]!;
            Assert.That((double)outputs["wh_per_mtoken"]!["p50"]!, Is.EqualTo(powers[i] / rate * 1e6 / 3600).Within(0.5).Percent, $"point {i}");
        }
    }
}
