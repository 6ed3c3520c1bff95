using CostDsl.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Uncertainty;

/// <summary>Sweep axes read in the units their values were written in (issue 16), as outputs already do; the JSON keeps its form.</summary>
public class SweepWrittenUnitTests
{
    private const string Text = """
        let util = 40%
        let base = 2 h
        let t = 1 h
        output x = util * t
        sweep util in [30%, 50%]
        sweep t in [base, base * 2]
        """;

    [Test]
    public void TableMarkdownAndCsvShowTheWrittenUnits()
    {
        using var folder = new TempFolder();
        var path = folder.Write("u.cost", Text + "\n");
        var table = CliRunner.Run("eval", path, "--format", "table").Output;
        var markdown = CliRunner.Run("eval", path, "--format", "markdown").Output;
        var csv = CliRunner.Run("eval", path, "--format", "csv").Output.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(table, Does.Contain("  util = 30%, t = 2 h\n").And.Contain("  util = 50%, t = 4 h\n"));
            Assert.That(markdown, Does.Contain("| output | util = 30%, t = 2 h | util = 30%, t = 4 h | util = 50%, t = 2 h | util = 50%, t = 4 h |"));
            Assert.That(csv[0], Does.StartWith("util [%],t [h],"));
            Assert.That(csv[1], Does.StartWith("30,2,"));
            Assert.That(csv[4], Does.StartWith("50,4,"));
        });
    }

    [Test]
    public void ALiteralsUnitIsKeptAsWritten()
    {
        using var folder = new TempFolder();
        var path = folder.Write("t.cost", "let t = 1 h\nlet rent = 2 USD/h\noutput cost = t * rent\nsweep t in [1 h, 90 min]\n");
        var table = CliRunner.Run("eval", path, "--format", "table").Output;
        Assert.That(table, Does.Contain("  t = 1 h\n").And.Contain("  t = 1.5 h\n"));
    }

    [Test]
    public void TheJsonKeepsItsValuesAndUnits()
    {
        var json = JObject.Parse(CostDsl.Output.JsonReport.Write(Spec.Run(Text)));
        var inputs = json["points"]![0]!["inputs"]!;
        Assert.Multiple(() =>
        {
            Assert.That((double)inputs["util"]!["value"]!, Is.EqualTo(0.3));
            Assert.That((string?)inputs["util"]!["unit"], Is.EqualTo(string.Empty));
            Assert.That((double)inputs["t"]!["value"]!, Is.EqualTo(7200));
            Assert.That((string?)inputs["t"]!["unit"], Is.EqualTo("s"));
        });
    }

    [Test]
    public void TheReportsSweepChartLabelsTheAxisInTheWrittenUnit()
    {
        var evaluation = Spec.Run("let t = 1 h\nlet util = 40%\noutput x = util * t\nsweep t in [1 h, 2 h]\nsweep util in [30%, 50%]").Evaluation!;
        var chart = CostDsl.Reporting.PlotSpecs.Sweep(evaluation.Outputs[0], evaluation)!;
        var rows = (JArray)chart["data"]!["values"]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)chart["layer"]![0]!["encoding"]!["x"]!["title"], Is.EqualTo("t (h)"));
            Assert.That(rows.Select(r => (double)r["x"]!), Is.EqualTo(new[] { 1.0, 1, 2, 2 }));
            Assert.That(rows.Select(r => (string?)r["series"]).Distinct(), Is.EqualTo(new[] { "util = 30%", "util = 50%" }));
        });
    }
}
