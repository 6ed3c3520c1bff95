using CostDsl.Output;
using CostDsl.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Language;

/// <summary>A unit has one spelling in the output, and that spelling can be written back after 'in'.</summary>
public class UnitSpellingTests
{
    private static string JsonUnit(string spec) =>
        JObject.Parse(JsonReport.Write(Spec.Clean(spec)))["outputs"]!["x"]!["unit"]!.Value<string>()!;

    [Test]
    public void InverseSecondsAreWrittenOneOverSecondsWithOrWithoutIn() =>
        Assert.Multiple(() =>
        {
            Assert.That(JsonUnit("output x = 4 / 2 s in s^-1"), Is.EqualTo("1/s"));
            Assert.That(JsonUnit("output x = 4 / 2 s"), Is.EqualTo("1/s"));
        });

    [TestCase("s^-1")]
    [TestCase("1/s")]
    [TestCase("s^-1 GB")]
    [TestCase("GB/s")]
    [TestCase("kW h")]
    [TestCase("s^-2")]
    [TestCase("B^2/s^3")]
    public void TheWrittenUnitParsesBackAsTheSameUnit(string written)
    {
        var (value, spelled) = Spec.Clean($"output x = 3 {written} in {written}").Output("x");
        var (again, respelled) = Spec.Clean($"output x = 3 {written} in {spelled}").Output("x");
        Assert.Multiple(() =>
        {
            Assert.That(value, Is.EqualTo(3));
            Assert.That(again, Is.EqualTo(3), $"'{written}' in '{spelled}'");
            Assert.That(respelled, Is.EqualTo(spelled));
        });
    }

    [Test]
    public void AUnitStartingWithOneMustDivide() =>
        Assert.That(Spec.Run("output x = 3 1 s").Errors(), Is.Not.Empty);
}
