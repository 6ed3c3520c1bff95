using CostDsl.Engine;
using CostDsl.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Reproducibility;

/// <summary>Every independent error is reported, once; check never crashes; asserts under sweeps are judged point by point.</summary>
public class EveryErrorOnceTests
{
    [Test]
    public void ThreeIndependentErrorsAreThreeDiagnostics()
    {
        var result = Spec.Run("let a = 1 GB + 1 s\nlet b = nosuchname * 2\nlet c = 5 / 0");
        Assert.That(result.Errors(), Is.EqualTo(new[] { "1:14 CD0201", "2:9 CD0301", "3:11 CD0401" }));
    }

    [Test]
    public void WhatDependsOnAnErroneousDeclarationIsNotReportedAgain()
    {
        var result = Spec.Run("let a = 1 GB + 1 s\nlet d = a / 0 GB\nfn f(x) = x + 1 s\noutput e = f(2) / 0\noutput ok = 2 * 3");
        Assert.Multiple(() =>
        {
            Assert.That(result.Errors(), Is.EqualTo(new[] { "1:14 CD0201", "3:13 CD0201" }));
            Assert.That(result.Output("ok").Value, Is.EqualTo(6));
        });
    }

    [Test]
    public void AnIndependentAssertIsStillJudged()
    {
        var result = Spec.Run("let a = nosuch\nassert 1 > 2 \"never\"");
        Assert.That(result.Errors(), Is.EqualTo(new[] { "1:9 CD0301", "2:8 CD0404" }));
    }

    [Test]
    public void AnErrorInASweepStopsTheWholeEvaluation()
    {
        // Evaluating without the sweep would show numbers for a grid the user did not ask for.
        var result = Spec.Run("let n = 1\noutput y = n / 0\nsweep n in [1 GB + 1 s]");
        Assert.That(result.Errors(), Is.EqualTo(new[] { "3:18 CD0201" }));
    }

    [Test]
    public void CheckOfAPercentileDoesNotCrash()
    {
        using var folder = new TempFolder();
        var path = folder.Write("p.cost", "let u = 1 to 2\noutput x = percentile(u, 50%)\noutput p = P(u > 1.5)");
        var outcome = CliRunner.Run("check", path);
        Assert.That((outcome.ExitCode, outcome.Error), Is.EqualTo((0, string.Empty)));
    }

    public static IEnumerable<string> Examples() =>
        Directory.GetFiles(Repository.PathTo("examples"), "*.cost").Select(f => "examples/" + Path.GetFileName(f)).Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(Examples))]
    public void CheckPassesOnEveryExampleThatEvaluates(string example)
    {
        var eval = CliRunner.Run("eval", example);
        var check = CliRunner.Run("check", example);
        Assert.Multiple(() =>
        {
            Assert.That(check.Error, Does.Not.Contain("CD0999"));
            if (eval.ExitCode == 0)
            {
                Assert.That(check.ExitCode, Is.EqualTo(0), check.Error);
            }
        });
    }

    private const string Swept = "workload chat { users = 1000; interval = 2 s to 5 s; util = 25% to 55% }\n"
        + "output gpus = 1.3e13 FLOP * (chat.users / chat.interval) / (624 TOPS * chat.util)\n"
        + "assert P(gpus > 60) < 5% \"a 60-card fleet covers 95% of cases\"\n"
        + "assert chat.users < 1500 \"exact\"\n"
        + "sweep chat.users in [500, 1000, 2000]";

    [Test]
    public void AnAssertUnderASweepNamesTheFailingPointsAndIsNeverCalledUncertain()
    {
        var result = Spec.Run(Swept, new EvaluationOptions { Samples = 2_000 });
        var failed = result.Diagnostics.Where(d => d.Code.Id == "CD0404").Select(d => (d.Line, d.Message)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => d.Code.Id), Has.No.Member("CD0406"));
            Assert.That(failed, Is.EqualTo(new[]
            {
                (3, "assert failed: a 60-card fleet covers 95% of cases at chat.users = 2000"),
                (4, "assert failed: exact at chat.users = 2000"),
            }));
            Assert.That(result.Evaluation!.Asserts.Select(a => a.FailingPoints.Count), Is.EqualTo(new[] { 1, 1 }));
        });
    }

    [Test]
    public void TheJsonAndTheTableNameTheFailingPoints()
    {
        using var folder = new TempFolder();
        var path = folder.Write("s.cost", Swept);
        var json = JObject.Parse(CliRunner.Run("eval", path, "--samples", "2000").Output);
        var table = CliRunner.Run("eval", path, "--samples", "2000", "--format", "table").Output;
        Assert.Multiple(() =>
        {
            Assert.That(json["asserts"]!.Select(a => (bool)a["passed"]!), Is.EqualTo(new[] { false, false }));
            Assert.That((double)json["asserts"]![1]!["failingPoints"]![0]!["inputs"]!["chat.users"]!["value"]!, Is.EqualTo(2000));
            Assert.That(table, Does.Contain("FAIL  exact (").And.Contain("at chat.users = 2000"));
        });
    }

    [Test]
    public void AnAssertThatHoldsAtEveryPointPasses()
    {
        var result = Spec.Run("let n = 1\nassert n < 10 \"small\"\nsweep n in [1, 2, 3]");
        Assert.That((result.Diagnostics.Count, result.Evaluation!.Asserts.Single().Passed), Is.EqualTo((0, true)));
    }
}
