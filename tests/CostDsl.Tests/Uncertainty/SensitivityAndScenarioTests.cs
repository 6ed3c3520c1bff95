using CostDsl.Engine;
using CostDsl.Output;
using CostDsl.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Uncertainty;

public class SensitivityAndScenarioTests
{
    [Test]
    public void SensitivityRanksTheInputThatDrivesTheOutputFirst()
    {
        // wide is a factor of 100 across its 90% interval, narrow a factor of 1.1.
        var result = Spec.Run(
            "let wide = 1 to 100\nlet narrow = 1 to 1.1\noutput y = wide * narrow",
            new EvaluationOptions { Samples = 20_000, Sensitivity = "y" });
        var inputs = result.Sensitivity!.Inputs;
        Assert.Multiple(() =>
        {
            Assert.That(inputs.Select(i => i.Name), Is.EqualTo(new[] { "wide", "narrow" }));
            Assert.That(inputs[0].Share, Is.GreaterThan(0.9));
            Assert.That(inputs[1].Share, Is.LessThan(0.05));
            Assert.That(JObject.Parse(JsonReport.Write(result))["sensitivity"]!["inputs"]![0]!["name"]!.Value<string>(), Is.EqualTo("wide"));
            Assert.That(SensitivityAnalysis.Chart(result.Sensitivity), Does.Contain("wide   | ####"));
        });
    }

    [Test]
    public void TwoDrawsInOneDeclarationAreLabelledByTheirOrderNotTheirLineSoLayoutLeavesTheSensitivityAsItWas()
    {
        // The same spec twice: on one line, and with a comment above and the second range on a line of its own.
        const string tidy = "let cost = (1 to 10) * (2 to 3)\noutput y = cost";
        const string moved = "# a comment moves everything down a line\nlet cost = (1 to 10) * (\n  2 to 3)\noutput y = cost";
        var options = new EvaluationOptions { Samples = 2000, Sensitivity = "y" };
        var sensitivities = new[] { tidy, moved }.Select(text => JObject.Parse(JsonReport.Write(Spec.Run(text, options)))["sensitivity"]!).ToList();
        var names = sensitivities[0]["inputs"]!.Select(i => (string)i["name"]!).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(names, Is.EqualTo(new[] { "cost (draw 1)", "cost (draw 2)" }));
            Assert.That(JToken.DeepEquals(sensitivities[0], sensitivities[1]), Is.True, $"{sensitivities[0]}\n{sensitivities[1]}");
        });
    }

    [Test]
    public void SensitivityOfAnExactOutputIsADiagnostic() =>
        Assert.That(Spec.Run("output y = 2", new EvaluationOptions { Sensitivity = "y" }).Single("CD0313").Message, Does.Contain("not uncertain"));

    private const string Base = """
        workload chat { users = 1000; interval = 3 s }
        let gpu_price = 10000 USD
        output rps = chat.users / chat.interval
        output price = gpu_price
        scenario high_traffic {
          chat.users = 5000
          gpu_price  = 12000 USD
        }
        """;

    [Test]
    public void AScenarioOverridesSeveralValuesAndInheritsTheRest()
    {
        var baseline = Spec.Clean(Base);
        var high = Spec.Run(Base, new EvaluationOptions { Scenario = "high_traffic" });
        Assert.Multiple(() =>
        {
            Assert.That(baseline.Output("rps").Value, Is.EqualTo(1000.0 / 3).Within(1e-9));
            Assert.That(high.Output("rps").Value, Is.EqualTo(5000.0 / 3).Within(1e-9));
            Assert.That(high.Output("price").Value, Is.EqualTo(12000));
        });
    }

    [Test]
    public void SetAppliesAfterTheScenario() =>
        Assert.That(Spec.Run(Base, new EvaluationOptions { Scenario = "high_traffic", Sets = ["gpu_price=15000 USD"] }).Output("price").Value, Is.EqualTo(15000));

    [Test]
    public void AnUnknownScenarioListsTheKnownOnes() =>
        Assert.That(Spec.Run(Base, new EvaluationOptions { Scenario = "high_trafic" }).Single("CD0314").Message, Is.EqualTo("--scenario high_trafic: the spec has no scenario of that name; did you mean 'high_traffic'? (it has: high_traffic)"));

    [Test]
    public void AScenarioSettingIsCheckedLikeAnyExpression()
    {
        // A known field set in the wrong dimension, and a path that names nothing, each point into the scenario.
        const string text = "hardware H { memory = 80 GB }\noutput m = H.memory\nscenario s {\n  H.memory = 2 s\n  H.memroy = 1 GB\n}";
        var result = Spec.Run(text, new EvaluationOptions { Scenario = "s" });
        Assert.Multiple(() =>
        {
            Assert.That(result.Errors(), Is.EqualTo(new[] { "4:14 CD0204", "5:3 CD0311" }));
            Assert.That(result.Single("CD0311").Message, Does.Contain("did you mean 'H.memory'?"));
            Assert.That(Spec.Run(text).Errors(), Is.Empty, "the scenario applies only when chosen");
        });
    }

    [Test]
    public void TheCommandLineRunsSweepsScenariosAndSensitivity()
    {
        using var folder = new TempFolder();
        var path = folder.Write("spec.cost", Base + "\nlet util = 30% to 60%\noutput busy = rps / util");
        var csv = CliRunner.Run("eval", path, "--format", "csv", "--sweep", "chat.users=[1000, 2000]");
        var scenario = CliRunner.Run("eval", path, "--scenario", "high_traffic", "--format", "table", "--samples", "2000");
        var sensitivity = CliRunner.Run("eval", path, "--sensitivity", "busy", "--samples", "2000");
        Assert.Multiple(() =>
        {
            Assert.That(csv.Output.Split('\n')[0], Does.StartWith("chat.users,rps [1/s],price [USD],busy [1/s],busy p5 [1/s],busy p95 [1/s]"));
            Assert.That(scenario.Output, Does.Contain("price  12,000 USD"));
            Assert.That(sensitivity.Error, Does.Contain("variance of busy explained by each input"));
            Assert.That(JObject.Parse(sensitivity.Output)["sensitivity"]!["output"]!.Value<string>(), Is.EqualTo("busy"));
        });
    }
}
