using CostDsl.Output;
using CostDsl.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.CommandLine;

public class JsonOutputTests
{
    [Test]
    public void OutputsKeepTheOrderOfTheFileAndCarryTheirUnits()
    {
        var json = JObject.Parse(JsonReport.Write(Spec.Run("output b = 2 GB in MB\noutput a = 3 s\noutput c = 1 < 2\noutput d = 4")));
        Assert.Multiple(() =>
        {
            Assert.That(json["schema"]!.Value<string>(), Is.EqualTo("costdsl/1"));
            Assert.That(json["file"]!.Value<string>(), Is.EqualTo("spec.cost"));
            Assert.That(((JObject)json["outputs"]!).Properties().Select(p => p.Name), Is.EqualTo(new[] { "b", "a", "c", "d" }));
            Assert.That(json["outputs"]!["b"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("""{"value":2000,"unit":"MB"}"""));
            Assert.That(json["outputs"]!["a"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("""{"value":3,"unit":"s"}"""));
            Assert.That(json["outputs"]!["c"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("""{"value":true}"""));
            Assert.That(json["outputs"]!["d"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("""{"value":4,"unit":""}"""));
        });
    }

    [Test]
    public void WithoutOutputsEveryLetOfTheFileIsEmitted()
    {
        var json = JObject.Parse(JsonReport.Write(Spec.Run("let a = 1\nlet b = a * 2 GB in GB\nhardware H { memory = 1 GB }")));
        Assert.That(json["outputs"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("""{"a":{"value":1,"unit":""},"b":{"value":2,"unit":"GB"}}"""));
    }

    [Test]
    public void LargeAndSmallNumbersAreWrittenExactlyEnough()
    {
        var json = JsonReport.Write(Spec.Run("output a = 3640 PFday in FLOP\noutput b = 1 / 3\noutput c = 1e-9"));
        Assert.Multiple(() =>
        {
            Assert.That(json, Does.Contain("\"value\": 3.14496e+23"));
            Assert.That(json, Does.Contain("\"value\": 0.333333333333333"));
            Assert.That(json, Does.Contain("\"value\": 1e-09"));
        });
    }

    [Test]
    public void DiagnosticsAndAssertsAreInTheJson()
    {
        var json = JObject.Parse(JsonReport.Write(Spec.Run("output x = 1 GB + 1 s")));
        Assert.That(json["diagnostics"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo(
            """[{"severity":"error","code":"CD0201","message":"cannot add GB and s","file":"spec.cost","line":1,"column":17}]"""));

        var asserted = JObject.Parse(JsonReport.Write(Spec.Run("let b = 5 USD\nassert b < 1 USD \"cheap\"")));
        Assert.That(asserted["asserts"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo(
            """[{"file":"spec.cost","line":2,"message":"cheap","passed":false}]"""));
    }
}
