using CostDsl.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Reporting;

/// <summary>Issue 16's first bullets: numbers in the units people wrote, percentages, money, one style a line, and the text histogram.</summary>
public class ReadableNumbersTests
{
    private static CliRunner.Outcome Eval(TempFolder folder, string text, params string[] options) =>
        CliRunner.Run(["eval", folder.Write("spec.cost", text), .. options]);

    private static string Row(string table, string output) =>
        table.Split('\n').Single(l => l.TrimStart().StartsWith(output + " ", StringComparison.Ordinal)).Trim();

    [Test]
    public void HoursWithoutInStayHoursNotYears()
    {
        using var folder = new TempFolder();
        var table = Eval(folder, "output gpu_hours = 4456417 h", "--format", "table").Output;
        Assert.That(Row(table, "gpu_hours"), Is.EqualTo("gpu_hours  4,456,417 h"));
    }

    [Test]
    public void ARentStaysInUsdPerHourInTheTableAndInExplain()
    {
        using var folder = new TempFolder();
        var path = folder.Write("spec.cost", "let rent = 2.5 USD/h\noutput monthly = rent\noutput per_day = 24 * rent\n");
        var table = CliRunner.Run("eval", path, "--format", "table").Output;
        var explain = CliRunner.Run("explain", path, "monthly").Output;
        Assert.Multiple(() =>
        {
            Assert.That(Row(table, "monthly"), Is.EqualTo("monthly  2.5 USD/h"));
            Assert.That(Row(table, "per_day"), Is.EqualTo("per_day  60 USD/h"));
            Assert.That(explain, Does.Contain("rent = 2.5 USD/h"));
            Assert.That(explain, Does.Not.Contain("USD/s"));
        });
    }

    [Test]
    public void APercentageShowsAsAPercentage()
    {
        using var folder = new TempFolder();
        var table = Eval(folder, "workload w { util = 40% }\noutput util = w.util", "--format", "table").Output;
        Assert.That(Row(table, "util"), Is.EqualTo("util  40%"));
    }

    [Test]
    public void MoneyHasThousandsSeparatorsAndNoExponentBelow1e15()
    {
        using var folder = new TempFolder();
        var table = Eval(folder, "output budget = 11143210 USD\noutput huge = 2e15 USD", "--format", "table").Output;
        Assert.Multiple(() =>
        {
            Assert.That(Row(table, "budget"), Is.EqualTo("budget  11,143,210 USD"));
            Assert.That(Row(table, "huge"), Is.EqualTo("huge    2e+15 USD"));
        });
    }

    [Test]
    public void AnUncertainLineHasOneStyle()
    {
        using var folder = new TempFolder();
        var row = Row(Eval(folder, "output cost = 8e6 USD to 1.5e7 USD", "--format", "table").Output, "cost");
        Assert.Multiple(() =>
        {
            Assert.That(row, Does.Match(@"^cost  [\d,]+ \.\. [\d,]+ \([\d,]+\) USD$"));
            Assert.That(row, Does.Not.Contain("e+"));
        });
    }

    [Test]
    public void TheJsonKeepsBaseUnitsAndValues()
    {
        using var folder = new TempFolder();
        var json = JObject.Parse(Eval(folder, "output gpu_hours = 4456417 h\noutput util = 40%").Output);
        Assert.Multiple(() =>
        {
            Assert.That(json["outputs"]!["gpu_hours"]!["value"]!.Value<double>(), Is.EqualTo(4456417.0 * 3600));
            Assert.That(json["outputs"]!["gpu_hours"]!["unit"]!.Value<string>(), Is.EqualTo("s"));
            Assert.That(json["outputs"]!["util"]!["value"]!.Value<double>(), Is.EqualTo(0.4));
        });
    }

    [Test]
    public void HistogramInTheTableDrawsTenBarsWhoseSharesAddUp()
    {
        using var folder = new TempFolder();
        var table = Eval(folder, "output t = 2 h to 5 h", "--format", "table", "--histogram", "--samples", "2000").Output;
        var bars = table.Split('\n').Where(l => l.Contains(" | ", StringComparison.Ordinal)).ToList();
        var shares = bars.Select(b => double.Parse(b[(b.LastIndexOf(' ') + 1)..].TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(bars, Has.Count.EqualTo(10));
            Assert.That(bars, Has.All.Contains(" h | "), "bins are labelled in the written unit");
            Assert.That(bars, Has.Some.Contains(new string('#', 40)), "the fullest bin has the full bar");
            Assert.That(shares.Sum(), Is.EqualTo(100).Within(0.5));
        });
    }

    [Test]
    public void WithoutHistogramTheTableHasNoBars()
    {
        using var folder = new TempFolder();
        Assert.That(Eval(folder, "output t = 2 h to 5 h", "--format", "table").Output, Does.Not.Contain(" | "));
    }
}
