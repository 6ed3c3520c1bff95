using CostDsl.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Reporting;

/// <summary><c>--scenario all</c> and <c>--scenario a,b</c>: the base spec and each scenario side by side in table, CSV and JSON.</summary>
public class ScenarioComparisonTests
{
    private const string Text = """
        workload chat { users = 1000 }
        output load = chat.users * 2
        assert load < 5000 "fits"
        scenario busy { chat.users = 3000 }
        scenario quiet { chat.users = 100 }
        """;

    [Test]
    public void TableHasAColumnPerScenarioWithTheBaseFirst()
    {
        using var folder = new TempFolder();
        var outcome = CliRunner.Run("eval", folder.Write("spec.cost", Text), "--scenario", "all", "--format", "table");
        var lines = outcome.Output.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1), "busy fails its assert");
            Assert.That(lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "output", "(base)", "busy", "quiet" }));
            Assert.That(lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "load", "2,000", "6,000", "200" }));
            Assert.That(outcome.Output, Does.Contain("FAIL  busy: fits"));
        });
    }

    [Test]
    public void AListChoosesScenariosInItsOrder()
    {
        using var folder = new TempFolder();
        var outcome = CliRunner.Run("eval", folder.Write("spec.cost", Text), "--scenario", "quiet,busy", "--format", "table");
        Assert.That(outcome.Output.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "output", "(base)", "quiet", "busy" }));
    }

    [Test]
    public void JsonIsTheBaseResultWithEachScenarioUnderScenarios()
    {
        using var folder = new TempFolder();
        var path = folder.Write("spec.cost", Text);
        var plain = JObject.Parse(CliRunner.Run("eval", path).Output);
        var json = JObject.Parse(CliRunner.Run("eval", path, "--scenario", "all").Output);
        var busy = JObject.Parse(CliRunner.Run("eval", path, "--scenario", "busy").Output);
        var scenarios = (JObject)json["scenarios"]!;
        json.Remove("scenarios");
        Assert.Multiple(() =>
        {
            Assert.That(JToken.DeepEquals(json, plain), "without 'scenarios' the object is the base run, as costdsl/1 readers know it");
            Assert.That(scenarios.Properties().Select(p => p.Name), Is.EqualTo(new[] { "busy", "quiet" }));
            Assert.That(JToken.DeepEquals(scenarios["busy"], busy), "each scenario is its own run's complete result");
        });
    }

    [Test]
    public void CsvHasAScenarioColumnAndARowPerScenario()
    {
        using var folder = new TempFolder();
        var csv = CliRunner.Run("eval", folder.Write("spec.cost", Text), "--scenario", "all", "--format", "csv").Output;
        Assert.That(csv, Is.EqualTo("scenario,load\n(base),2000\nbusy,6000\nquiet,200\n"));
    }

    [Test]
    public void AnUnknownScenarioInTheListIsAnErrorNamingIt()
    {
        using var folder = new TempFolder();
        var outcome = CliRunner.Run("eval", folder.Write("spec.cost", Text), "--scenario", "busy,bussy", "--format", "table");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(outcome.Error, Does.Contain("--scenario bussy: the spec has no scenario of that name"));
        });
    }

    [Test]
    public void ASingleScenarioIsUnchanged()
    {
        using var folder = new TempFolder();
        var json = JObject.Parse(CliRunner.Run("eval", folder.Write("spec.cost", Text), "--scenario", "quiet").Output);
        Assert.Multiple(() =>
        {
            Assert.That(json["scenarios"], Is.Null);
            Assert.That(json["outputs"]!["load"]!["value"]!.Value<double>(), Is.EqualTo(200));
        });
    }
}
