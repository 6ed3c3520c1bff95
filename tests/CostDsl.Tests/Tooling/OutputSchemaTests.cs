using CostDsl.Engine;
using CostDsl.Output;
using CostDsl.Tests.Support;
using NJsonSchema;

namespace CostDsl.Tests.Tooling;

/// <summary>grammar/costdsl-output.schema.json describes costdsl/1: every example's output validates against it.</summary>
public class OutputSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Repository.PathTo("grammar", "costdsl-output.schema.json"))).GetAwaiter().GetResult());

    private static ICollection<NJsonSchema.Validation.ValidationError> Validate(string json) => Schema.Value.Validate(json);

    [TestCaseSource(typeof(SpecFiles), nameof(SpecFiles.Examples))]
    public void EveryExamplesOutputValidates(string relative)
    {
        var json = JsonReport.Write(new CostEngine().EvaluateFile(Repository.PathTo(relative)));
        Assert.That(Validate(json), Is.Empty, json);
    }

    [Test]
    public void SeveralFilesGiveAnArrayThatValidates()
    {
        var outcome = CliRunner.Run(["eval", .. SpecFiles.Examples()]);
        Assert.That(Validate(outcome.Output), Is.Empty);
    }

    [Test]
    public void ErrorsAndAssertsValidate()
    {
        Assert.That(Validate(JsonReport.Write(Spec.Run("let b = 5 USD\nassert b < 1 USD \"cheap\"\noutput x = 1 GB + 1 s"))), Is.Empty);
    }

    /// <summary>Issue 4's members (uncertainty, sweeps, sensitivity) are allowed before they are written.</summary>
    [Test]
    public void UncertaintySweepsAndSensitivityValidate()
    {
        const string json = """
            {
              "schema": "costdsl/1", "file": "a.cost",
              "outputs": {
                "gpus": { "value": 16.2, "unit": "", "mean": 16.2, "sd": 2.1, "p5": 13, "p25": 15, "p50": 16, "p75": 17.5, "p95": 20,
                          "histogram": { "edges": [10, 15, 20, 25], "counts": [120, 8000, 1880] } },
                "fits": { "probability": 0.93 },
                "cheap": { "value": true }
              },
              "asserts": [ { "file": "a.cost", "line": 9, "message": "fits", "passed": false, "probability": 0.93, "test": "budget < 1e6 CNY" } ],
              "diagnostics": [],
              "points": [ { "inputs": { "chat.users": { "value": 1000, "unit": "" } }, "outputs": { "gpus": { "value": 16, "unit": "" } } } ],
              "sensitivity": { "output": "gpus", "inputs": [ { "name": "chat.util", "share": 0.8 }, { "name": "A100.int8", "share": 0.2 } ] }
            }
            """;
        Assert.That(Validate(json), Is.Empty);
    }

    [TestCase("""{"schema":"costdsl/2","file":"a","outputs":{},"asserts":[],"diagnostics":[]}""")]
    [TestCase("""{"schema":"costdsl/1","file":"a","outputs":{"x":{"value":1}},"asserts":[],"diagnostics":[]}""")]
    [TestCase("""{"schema":"costdsl/1","file":"a","outputs":{"x":{"value":1,"unit":"","p96":2}},"asserts":[],"diagnostics":[]}""")]
    [TestCase("""{"schema":"costdsl/1","file":"a","outputs":{},"asserts":[],"diagnostics":[],"extra":1}""")]
    [TestCase("""{"schema":"costdsl/1","file":"a","outputs":{},"asserts":[],"diagnostics":[{"severity":"error","code":"E1","message":"m","file":"a","line":1,"column":1}]}""")]
    public void MistakesAreCaught(string json) => Assert.That(Validate(json), Is.Not.Empty);

    [Test]
    public void ItHasAnIdAndAVersionNote()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Schema.Value.Id, Is.Not.Empty);
            Assert.That(Schema.Value.Description, Does.Contain("costdsl/1"));
        });
    }
}
