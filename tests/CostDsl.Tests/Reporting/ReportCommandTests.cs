using System.Text.RegularExpressions;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.Reporting;

/// <summary><c>costdsl report</c> without a browser: what the HTML holds, that it needs no network, and its exit codes.</summary>
public class ReportCommandTests
{
    private static (CliRunner.Outcome Outcome, string Html) Report(TempFolder folder, params string[] arguments)
    {
        var html = folder.PathOf("report.html");
        var outcome = CliRunner.Run(["report", .. arguments, "-o", html]);
        return (outcome, File.Exists(html) ? File.ReadAllText(html) : string.Empty);
    }

    [Test]
    public void HoldsTablePlotsDerivationsAssertsAndSettings()
    {
        using var folder = new TempFolder();
        var (outcome, html) = Report(folder, "examples/uncertain-serving.cost", "--sensitivity", "gpus", "--seed", "7", "--samples", "3000", "--set", "chat.users=500");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Error);
            Assert.That(Regex.Matches(html, "data-kind=\"distribution\"").Count, Is.EqualTo(1), "gpus is the one uncertain output");
            Assert.That(html, Does.Contain("data-kind=\"tornado\""));
            Assert.That(html, Does.Contain("<details open><summary>gpus = "), "the derivation tree of gpus");
            Assert.That(html, Does.Contain("a 60-card fleet covers 95% of cases"));
            Assert.That(html, Does.Contain("<th>seed</th><td><code>7</code>"));
            Assert.That(html, Does.Contain("<th>samples</th><td><code>3,000</code>"));
            Assert.That(html, Does.Contain("chat.users=500"));
            Assert.That(html, Does.Match("<code>budget</code></td><td class=\"number\">[0-9,]+ USD</td>"), "money as the table shows it");
        });
    }

    [Test]
    public void LoadsNothingFromTheNetwork()
    {
        using var folder = new TempFolder();
        var (_, html) = Report(folder, "examples/uncertain-serving.cost");
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Not.Match("<(script|link|img|iframe)[^>]*\\s(src|href)="), "no external script, style, font or image");
            Assert.That(html, Does.Not.Contain("@import"));
            Assert.That(Regex.Matches(html, "<script>").Count, Is.EqualTo(3), "Vega, Vega-Lite and the render script, inline");
            Assert.That(html, Does.Contain("University of Washington Interactive Data Lab"), "the bundles' licences travel with them");
        });
    }

    [Test]
    public void TheSameRunGivesTheSameBytes()
    {
        using var folder = new TempFolder();
        var first = Report(folder, "examples/uncertain-serving.cost").Html;
        var second = Report(folder, "examples/uncertain-serving.cost").Html;
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void ASweepGetsAChartPerOutput()
    {
        using var folder = new TempFolder();
        var (_, html) = Report(folder, "examples/uncertain-serving.cost", "--sweep", "chat.users=[500, 1000, 2000]", "--samples", "1000");
        Assert.Multiple(() =>
        {
            Assert.That(Regex.Matches(html, "data-kind=\"sweep\"").Count, Is.EqualTo(4));
            Assert.That(html, Does.Not.Contain("data-kind=\"distribution\""));
        });
    }

    [Test]
    public void ErrorsAreListedInTheReportAndExitOne()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("bad.cost", "let x = 19.5 TFLOP/s + 80 GB\n");
        var (outcome, html) = Report(folder, spec);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(html, Does.Contain("error CD0201: cannot add TFLOP/s and GB"));
        });
    }

    [Test]
    public void WithoutOutIsBadUsage()
    {
        var outcome = CliRunner.Run("report", "examples/uncertain-serving.cost");
        Assert.That(outcome.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void ScenarioAllGivesASectionPerScenario()
    {
        using var folder = new TempFolder();
        var (outcome, html) = Report(folder, "examples/uncertain-serving.cost", "--scenario", "all", "--samples", "1000");
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1), "high_traffic fails the example's assert");
            Assert.That(html, Does.Contain("scenario <code>(base)</code>"));
            Assert.That(Regex.Matches(html, "<li class=\"fail\">").Count, Is.EqualTo(1), "the failing assert is listed under high_traffic only");
            Assert.That(html, Does.Contain("scenario <code>high_traffic</code>"));
        });
    }
}
