using System.Diagnostics;
using System.Text.RegularExpressions;
using CostDsl.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Reporting;

/// <summary>
/// The report of examples/uncertain-serving.cost in a real browser: Debian's headless Chromium loads
/// the file (no network), the page's own script records how many plots it drew and every console
/// error, and the test reads that back from the DOM Chromium dumps. A screenshot is attached.
/// CI installs Chromium (.ci/run); without it the test is ignored locally and fails under CI.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class ReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Test]
    public void UncertainServingRendersOneNonEmptyDistributionPerUncertainOutputWithoutConsoleErrors()
    {
        RequireChromium();
        using var folder = new TempFolder();
        var html = folder.PathOf("report.html");
        var report = CliRunner.Run("report", "examples/uncertain-serving.cost", "-o", html, "--sensitivity", "gpus");
        Assert.That(report.ExitCode, Is.EqualTo(0), report.Error);

        var json = JObject.Parse(CliRunner.Run("eval", "examples/uncertain-serving.cost").Output);
        var uncertain = ((JObject)json["outputs"]!).Properties().Where(p => p.Value["p5"] is not null).Select(p => p.Name).ToList();
        Assert.That(uncertain, Is.Not.Empty, "the example has uncertain outputs, or the count below proves nothing");

        var (dom, log) = RunChromium(folder, "--dump-dom", new Uri(html).AbsoluteUri);
        Assert.That(dom, Does.Contain("data-rendered=\"true\""), "the page's render script did not finish:\n" + log);
        var status = Tags(dom, "<p id=\"render-status\"").Single();
        Assert.That(status.GetValueOrDefault("data-errors"), Is.EqualTo("0"), "console errors on the page: " + string.Join(", ", status));
        Assert.That(log, Does.Not.Contain("Uncaught"), "Chromium logged an uncaught error");

        var plots = Tags(dom, "<div class=\"plot\"").ToList();
        var distributions = plots.Where(p => p.GetValueOrDefault("data-kind") == "distribution").ToList();
        Assert.That(distributions.Select(d => d["data-name"]), Is.EqualTo(uncertain), "one distribution plot per uncertain output, in the order of the outputs");
        Assert.That(distributions.Select(d => int.Parse(d.GetValueOrDefault("data-marks", "0"), System.Globalization.CultureInfo.InvariantCulture)), Has.All.GreaterThan(0), "a distribution plot drew no marks");
        Assert.That(plots.Count(p => p.GetValueOrDefault("data-kind") == "tornado"), Is.EqualTo(1), "the --sensitivity tornado chart is missing");
        Assert.That(status.GetValueOrDefault("data-drawn"), Is.EqualTo(plots.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)), "every plot drew something");

        var screenshot = folder.PathOf("uncertain-serving-report.png");
        RunChromium(folder, "--screenshot=" + screenshot, "--window-size=1100,2600", new Uri(html).AbsoluteUri);
        Assert.That(new FileInfo(screenshot).Length, Is.GreaterThan(10_000), "the screenshot is empty");
        var kept = Path.Combine(TestContext.CurrentContext.WorkDirectory, "uncertain-serving-report.png");
        File.Copy(screenshot, kept, overwrite: true);
        TestContext.AddTestAttachment(kept, "the report of examples/uncertain-serving.cost in headless Chromium");
    }

    [Test]
    public void ASweepOverBlocksDrawsABarChartPerOutputWithoutConsoleErrors()
    {
        RequireChromium();
        using var folder = new TempFolder();
        var html = folder.PathOf("report.html");
        var report = CliRunner.Run("report", "examples/compare-gpus.cost", "-o", html, "--samples", "2000");
        Assert.That(report.ExitCode, Is.EqualTo(0), report.Error);

        var (dom, log) = RunChromium(folder, "--dump-dom", new Uri(html).AbsoluteUri);
        Assert.That(dom, Does.Contain("data-rendered=\"true\""), "the page's render script did not finish:\n" + log);
        var status = Tags(dom, "<p id=\"render-status\"").Single();
        var sweeps = Tags(dom, "<div class=\"plot\"").Where(p => p.GetValueOrDefault("data-kind") == "sweep").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(status.GetValueOrDefault("data-errors"), Is.EqualTo("0"), "console errors on the page");
            Assert.That(sweeps.Select(s => s["data-name"]), Is.EqualTo(new[] { "weights_share", "weights_read", "tpot", "rate", "wh_per_mtoken" }), "a chart per output");
            Assert.That(sweeps.Select(s => int.Parse(s.GetValueOrDefault("data-marks", "0"), System.Globalization.CultureInfo.InvariantCulture)), Has.All.GreaterThanOrEqualTo(3), "a bar per device");
            Assert.That(File.ReadAllText(html), Does.Contain("\"title\":\"tpot by hw\"").And.Contain("\"type\":\"bar\""));
        });
    }

    private static void RequireChromium()
    {
        if (File.Exists(Chromium))
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"{Chromium} is missing; .ci/run installs Debian's chromium package");
        }

        Assert.Ignore($"{Chromium} is not installed (apt-get install chromium); CI installs it and runs this test.");
    }

    /// <summary>Chromium with the flags this machine needs (no sandbox as root, no background network), a fresh profile, and time for the page's scripts.</summary>
    private static (string Output, string Error) RunChromium(TempFolder folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(Chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var flag in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--enable-logging=stderr", "--v=0",
            "--user-data-dir=" + folder.PathOf("profile-" + Guid.NewGuid().ToString("N")), "--virtual-time-budget=30000",
        })
        {
            start.ArgumentList.Add(flag);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("Chromium did not finish within 3 minutes");
        }

        return (output.Result, error.Result);
    }

    /// <summary>The attributes of each start tag that begins with <paramref name="start"/> in the dumped DOM.</summary>
    private static IEnumerable<Dictionary<string, string>> Tags(string dom, string start) =>
        Regex.Matches(dom, Regex.Escape(start) + "[^>]*>").Select(m =>
            Attribute().Matches(m.Value).GroupBy(a => a.Groups["key"].Value).ToDictionary(g => g.Key, g => System.Net.WebUtility.HtmlDecode(g.First().Groups["value"].Value)));

    [GeneratedRegex("(?<key>[a-z-]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex Attribute();
}
