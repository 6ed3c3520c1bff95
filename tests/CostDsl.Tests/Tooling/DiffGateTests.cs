using CostDsl.Tests.Support;
using CostDsl.Tooling.Diffing;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Tooling;

/// <summary><c>costdsl diff --fail-on</c>: the CI gate, as a pull request's workflow runs it.</summary>
public class DiffGateTests
{
    private static readonly string[] AllConditions =
    [
        "assert", "any > +0%", "any < -0%", "any >= 0%", "any <= 0%", "budget > +10%", "budget < -5%",
        "budget > +1000 USD", "budget < -1 USD", "budget >= 0 CNY", "gpus_needed > 0", "gpus_needed <= 0",
    ];

    private static string Chat => File.ReadAllText(Repository.PathTo("examples", "chat.cost"));

    /// <summary>
    /// Must hold: a spec diffed with itself reports nothing and exits 0, whatever the conditions. An
    /// example written to show errors (seed-article-units.cost) exits 1 with or without a gate: its
    /// sides cannot be compared, and the gate adds nothing to that.
    /// </summary>
    [TestCaseSource(nameof(Examples))]
    public void A_spec_against_itself_passes_every_condition(string example)
    {
        var plain = CliRunner.Run("diff", example, example, "--format", "json");
        string[] args = ["diff", example, example, "--format", "json", .. AllConditions.Where(c => c == "assert" || c.StartsWith("any", StringComparison.Ordinal)).SelectMany(c => new[] { "--fail-on", c })];
        var run = CliRunner.Run(args);
        Assert.That(run.ExitCode, Is.EqualTo(plain.ExitCode), run.Error);
        if (plain.ExitCode != 0)
        {
            Assert.That(example, Is.EqualTo("examples/seed-article-units.cost"), "only the example of errors may fail to compare");
            return;
        }

        var json = JObject.Parse(run.Output);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
            Assert.That(json["outputs"], Is.Empty);
            Assert.That(json["assumptions"], Is.Empty);
            Assert.That(json["asserts"], Is.Empty);
            Assert.That((bool)json["gate"]!["failed"]!, Is.False);
        });
    }

    [Test]
    public void Chat_against_itself_passes_conditions_on_its_own_outputs()
    {
        var run = CliRunner.Run(["diff", "examples/chat.cost", "examples/chat.cost", .. AllConditions.SelectMany(c => new[] { "--fail-on", c })]);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Output, Does.Contain("no output or assumption changed").And.Contain("gate: passed"));
    }

    /// <summary>Must hold: an assert that passed and now fails exits 1 under --fail-on assert, and says which.</summary>
    [Test]
    public void Pass_to_fail_exits_1_under_fail_on_assert()
    {
        using var folder = new TempFolder();
        var passing = folder.Write("old.cost", Chat.Replace("assert budget < 1e6 CNY", "assert budget < 2e6 CNY", StringComparison.Ordinal));
        var failing = folder.Write("new.cost", Chat);

        var gated = CliRunner.Run("diff", passing, failing, "--fail-on", "assert");
        var ungated = CliRunner.Run("diff", passing, failing);
        Assert.Multiple(() =>
        {
            Assert.That(gated.ExitCode, Is.EqualTo(1));
            Assert.That(gated.Error, Does.Contain("diff gate failed: --fail-on 'assert'").And.Contain("stays inside the pilot budget"));
            Assert.That(gated.Output, Does.Contain("pass -> fail").And.Contain("gate: FAILED"));
            Assert.That(ungated.ExitCode, Is.EqualTo(0), "without --fail-on the diff reports and succeeds");
            Assert.That(ungated.Output, Does.Contain("pass -> fail"));
        });

        var back = CliRunner.Run("diff", failing, passing, "--fail-on", "assert");
        Assert.That(back.ExitCode, Is.EqualTo(0), "fail -> pass is good news, not a gate failure");
        Assert.That(back.Output, Does.Contain("fail -> pass"));
    }

    [Test]
    public void A_new_assert_that_fails_trips_the_gate()
    {
        using var folder = new TempFolder();
        var before = folder.Write("old.cost", Chat.Replace("assert budget < 1e6 CNY \"stays inside the pilot budget\"", string.Empty, StringComparison.Ordinal));
        var after = folder.Write("new.cost", Chat);
        var run = CliRunner.Run("diff", before, after, "--fail-on", "assert", "--format", "json");
        var asserts = (JArray)JObject.Parse(run.Output)["asserts"]!;
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That((string?)asserts.Single()["old"], Is.EqualTo("absent"));
            Assert.That((string?)asserts.Single()["new"], Is.EqualTo("fail"));
        });
    }

    /// <summary>util 45% -> 60%: 16 -> 12 GPUs, the budget falls by 25% (1,136,000 -> 852,000 CNY = 40,000 USD less).</summary>
    // chat.cost needs 17 cards at 45% utilisation and 13 at 60%: -23.53%, -4 cards, -40,000 USD.
    [TestCase("budget < -5%", 1, "budget -23.53%")]
    [TestCase("budget < -30%", 0, null)]
    [TestCase("budget > +10%", 0, null)]
    [TestCase("any < -20%", 1, "gpus_needed -23.53%")]
    [TestCase("budget < -39000 USD", 1, "budget -40,000 USD")]
    [TestCase("budget < -41000 USD", 0, null)]
    [TestCase("budget <= -284000 CNY", 1, "budget -284,000 CNY")]
    [TestCase("gpus_needed < -3", 1, "gpus_needed -4")]
    [TestCase("any > +1000 USD", 0, null)]
    public void Output_conditions_on_relative_and_absolute_change(string condition, int exit, string? reason)
    {
        using var folder = new TempFolder();
        var after = folder.Write("new.cost", Chat.Replace("util     = 45%", "util     = 60%", StringComparison.Ordinal));
        var run = CliRunner.Run("diff", "examples/chat.cost", after, "--fail-on", condition);
        Assert.That(run.ExitCode, Is.EqualTo(exit), run.Output + run.Error);
        if (reason is not null)
        {
            Assert.That(run.Error, Does.Contain($"--fail-on '{condition}': {reason}"));
        }
        else
        {
            Assert.That(run.Error, Does.Not.Contain("diff gate failed"));
        }
    }

    [TestCase("budget >> 3%")]
    [TestCase("budget > ten%")]
    [TestCase("> 3%")]
    [TestCase("budget > 1e999%")]
    [TestCase("nope > +3%")]
    [TestCase("budget > +1000 Parsecs")]
    [TestCase("budget > +1 GB")]
    [TestCase("budget > +1 USD/h/s")]
    public void A_bad_condition_is_a_usage_error(string condition)
    {
        var run = CliRunner.Run("diff", "examples/chat.cost", "examples/chat.cost", "--fail-on", condition);
        Assert.That(run.ExitCode, Is.EqualTo(2), run.Output + run.Error);
        Assert.That(run.Error, Does.Contain($"--fail-on '{condition}'"));
    }

    [Test]
    public void Markdown_starts_with_a_summary_line_then_a_table()
    {
        using var folder = new TempFolder();
        var after = folder.Write("new.cost", Chat.Replace("util     = 45%", "util     = 40%", StringComparison.Ordinal));
        var run = CliRunner.Run("diff", "examples/chat.cost", after, "--format", "markdown", "--fail-on", "budget > +10%");
        var lines = run.Output.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(lines[0], Does.StartWith("❌ **gate failed** (budget > +10%):").And.Contain("2 outputs changed"));
            Assert.That(lines[1], Is.Empty);
            Assert.That(run.Output, Does.Contain("| output | old | new | change | relative |"));
            // 17 cards at 45% utilisation, 19 at 40%
            Assert.That(run.Output, Does.Contain("- `--fail-on 'budget > +10%'`: budget +11.76%"));
        });
    }

    [Test]
    public void Json_lists_the_gate_and_the_assert_changes()
    {
        using var folder = new TempFolder();
        var after = folder.Write("new.cost", Chat.Replace("util     = 45%", "util     = 60%", StringComparison.Ordinal));
        var run = CliRunner.Run("diff", "examples/chat.cost", after, "--format", "json", "--fail-on", "budget < -5%");
        var json = JObject.Parse(run.Output);
        Assert.Multiple(() =>
        {
            Assert.That((string?)json["schema"], Is.EqualTo("costdsl-diff/1"));
            Assert.That((string?)json["asserts"]![0]!["old"], Is.EqualTo("fail"));
            Assert.That((string?)json["asserts"]![0]!["new"], Is.EqualTo("pass"));
            Assert.That((bool)json["gate"]!["failed"]!, Is.True);
            // ceil(gpus): 17 cards at 45% utilisation, 13 at 60% (attention counted as 4 * layers * context * d_model per token)
            Assert.That((string?)json["gate"]!["tripped"]![0]!["reason"], Is.EqualTo("budget -23.53%"));
            Assert.That(json["outputs"]!.Count(), Is.EqualTo(2));
        });
    }

    [Test]
    public void Conditions_parse_thresholds_as_fractions_or_in_units()
    {
        var relative = GateCondition.Parse(" budget > +10% ", out _)!;
        var absolute = GateCondition.Parse("budget < -1_000 USD/h", out _)!;
        Assert.Multiple(() =>
        {
            Assert.That(relative.Relative, Is.True);
            Assert.That(relative.Threshold, Is.EqualTo(0.1).Within(1e-15));
            Assert.That(absolute.Relative, Is.False);
            Assert.That(absolute.Threshold, Is.EqualTo(-1000));
            Assert.That(absolute.Unit, Is.EqualTo("USD/h"));
            Assert.That(absolute.Comparison, Is.EqualTo(GateComparison.Below));
            Assert.That(GateCondition.Parse("assert", out _)!.IsAssert, Is.True);
        });
    }

    public static IEnumerable<string> Examples() =>
        Directory.EnumerateFiles(Repository.PathTo("examples"), "*.cost").Select(p => "examples/" + Path.GetFileName(p)).Order(StringComparer.Ordinal);
}
