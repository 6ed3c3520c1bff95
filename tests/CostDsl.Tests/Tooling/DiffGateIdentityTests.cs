using CostDsl.Tests.Support;

namespace CostDsl.Tests.Tooling;

/// <summary>
/// What the gate of <c>costdsl diff</c> holds to be the same assert, and when a diff fails without any condition holding:
/// each case a reviewer found to pass or fail a pull request wrongly (exit codes as the CI workflow reads them).
/// </summary>
public class DiffGateIdentityTests
{
    private const string Library = "let base = 10 USD\nassert base > 100 USD \"lib budget floor\"\n";
    private const string Main = "import \"lib.cost\"\noutput total = base * 3\n";

    [Test]
    public void An_imported_files_failing_assert_is_the_same_assert_from_a_git_revision()
    {
        using var repository = new GitRepository();
        repository.Write("specs/lib.cost", Library);
        repository.Write("specs/main.cost", Main);
        repository.Commit("base");

        var unchanged = CliRunner.RunIn(repository.Root, "diff", "HEAD:specs/main.cost", "specs/main.cost", "--fail-on", "assert");
        repository.Write("specs/lib.cost", Library.Replace("100 USD", "1 USD", StringComparison.Ordinal));
        var nowPassing = CliRunner.RunIn(repository.Root, "diff", "HEAD:specs/main.cost", "specs/main.cost", "--fail-on", "assert");
        Assert.Multiple(() =>
        {
            Assert.That(unchanged.ExitCode, Is.EqualTo(0), unchanged.Output);
            Assert.That(unchanged.Output, Does.Not.Contain("absent"));
            Assert.That(nowPassing.Output, Does.Contain("fail -> pass").And.Contain("specs/lib.cost:2"));
            Assert.That(nowPassing.Output, Does.Not.Contain("absent"), "the one assert, matched across the sides");
        });
    }

    [Test]
    public void Two_copies_of_a_tree_have_the_same_asserts()
    {
        using var folder = new TempFolder();
        foreach (var side in new[] { "old", "new" })
        {
            folder.Write($"{side}/lib.cost", Library);
            folder.Write($"{side}/main.cost", Main);
        }

        var run = CliRunner.Run("diff", folder.PathOf("old/main.cost"), folder.PathOf("new/main.cost"), "--fail-on", "assert");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
    }

    /// <summary>The old file really differs (layout, a comment, the order of two asserts with one message): the asserts do not.</summary>
    [Test]
    public void Layout_comments_and_order_do_not_change_which_assert_is_which()
    {
        using var folder = new TempFolder();
        var before = folder.Write("a.cost", "let time = 2 h\noutput time\nassert time < 1 h\nlet a = 2\nlet b = 0\nassert a < 1 \"under limit\"\nassert b < 1 \"under limit\"\n");
        var after = folder.Write("b.cost", "let time = 2 h\noutput time\nassert time   <   1 h   # reworded only\nlet a = 2\nlet b = 0\nassert b < 1 \"under limit\"\nassert a < 1 \"under limit\"\n");

        var run = CliRunner.Run("diff", before, after, "--fail-on", "assert");
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(before), Is.Not.EqualTo(File.ReadAllText(after)));
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
            Assert.That(run.Output, Does.Not.Contain("->  ").And.Not.Contain("asserts ("));
        });
    }

    [Test]
    public void A_reworded_condition_under_the_same_message_is_that_assert_changing_outcome()
    {
        using var folder = new TempFolder();
        var before = folder.Write("a.cost", "output cost = 500 USD\nassert cost < 1000 USD \"budget\"\n");
        var after = folder.Write("b.cost", "output cost = 500 USD\nassert cost < 100 USD \"budget\"\n");

        var run = CliRunner.Run("diff", before, after, "--fail-on", "assert");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Output, Does.Contain("pass -> fail").And.Not.Contain("absent"));
            Assert.That(run.Output, Does.Contain("no output or assumption changed").And.Not.Contain("no changes"));
        });
    }

    /// <summary>A division by zero drops the output and its assert from the new side: that must fail the diff, not pass as "removed".</summary>
    [TestCase("text")]
    [TestCase("markdown")]
    [TestCase("json")]
    public void An_error_while_evaluating_a_side_fails_the_diff(string format)
    {
        using var folder = new TempFolder();
        const string Spec = "let n = 4\nlet budget = 1000 USD / n\noutput budget\nassert budget < 2000 USD \"fits\"\n";
        var before = folder.Write("e1.cost", Spec);
        var after = folder.Write("e2.cost", Spec.Replace("n = 4", "n = 0", StringComparison.Ordinal));

        var gated = CliRunner.Run("diff", before, after, "--format", format, "--fail-on", "assert", "--fail-on", "any > +25%");
        var plain = CliRunner.Run("diff", before, after, "--format", format);
        Assert.Multiple(() =>
        {
            Assert.That(gated.ExitCode, Is.EqualTo(1), gated.Output);
            Assert.That(plain.ExitCode, Is.EqualTo(1), plain.Output);
            Assert.That(gated.Error, Does.Contain("CD0401"));
            Assert.That(gated.Output, Does.Contain(format == "json" ? "\"failed\": true" : "a version has errors"));
        });
    }

    [Test]
    public void A_side_that_does_not_check_says_so_in_the_pull_request_comment()
    {
        using var folder = new TempFolder();
        var before = folder.Write("g1.cost", "output c = 5 USD\n");
        var after = folder.Write("g3.cost", "output c = 5 USD + 3 h\n");

        var run = CliRunner.Run("diff", before, after, "--format", "markdown", "--fail-on", "assert");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Output, Does.StartWith("❌ **gate failed** (a version has errors)"));
            Assert.That(run.Output, Does.Contain("Not compared").And.Not.Contain("No output"));
        });
    }

    /// <summary>The gate judges the diff's own evaluation, so raised limits hold for it too (it evaluated again with the defaults, and passed on nothing).</summary>
    [Test]
    public void The_gate_judges_a_spec_the_raised_limits_let_run()
    {
        using var folder = new TempFolder();
        var functions = "fn f0(x) = x + 1\n" + string.Concat(Enumerable.Range(1, 21).Select(i => $"fn f{i}(x) = f{i - 1}(x) + f{i - 1}(x + 0)\n"));
        var before = folder.Write("big1.cost", functions + "output y = f21(1)\nassert y < 5000000 \"small\"\n");
        var after = folder.Write("big2.cost", functions + "output y = f21(2)\nassert y < 5000000 \"small\"\n");

        var run = CliRunner.Run("diff", before, after, "--max-steps", "100000000", "--fail-on", "assert", "--fail-on", "y > +1%");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Output + run.Error);
            Assert.That(run.Error, Does.Contain("--fail-on 'assert'").And.Contain("--fail-on 'y > +1%'"));
        });
    }

    [Test]
    public void The_time_limit_stops_a_side_as_it_stops_eval()
    {
        using var folder = new TempFolder();
        var slow = folder.Write("slow.cost", "fn f0(x) = x + 1\n" + string.Concat(Enumerable.Range(1, 20).Select(i => $"fn f{i}(x) = f{i - 1}(x) + f{i - 1}(x)\n")) + "output y = f20((1 to 2))\n");

        var run = CliRunner.Run("diff", slow, slow, "--max-steps", "100000000000", "--time-limit", "1");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1));
            Assert.That(run.Error, Does.Contain("CD0003").And.Contain("time limit"));
        });
    }

    [Test]
    public void Output_and_unit_names_outside_ASCII_can_be_named_in_a_condition()
    {
        using var folder = new TempFolder();
        var before = folder.Write("a.cost", "unit 元 = USD / 7.1\noutput coût = 100 元 in 元\n");
        var after = folder.Write("b.cost", "unit 元 = USD / 7.1\noutput coût = 200 元 in 元\n");

        var relative = CliRunner.Run("diff", before, after, "--fail-on", "coût > +10%");
        var absolute = CliRunner.Run("diff", before, after, "--fail-on", "any > +50 元");
        Assert.Multiple(() =>
        {
            Assert.That(relative.ExitCode, Is.EqualTo(1), relative.Error);
            Assert.That(absolute.ExitCode, Is.EqualTo(1), absolute.Error);
        });
    }

    /// <summary>Two sweeps whose points trade places have the same spread: compared as one spread of values they read "no changes".</summary>
    [Test]
    public void A_sweeps_points_are_compared_point_by_point()
    {
        using var folder = new TempFolder();
        var before = folder.Write("s3.cost", "let n = 10\noutput cost = n * 5 USD\nsweep n in [10, 30]\n");
        var after = folder.Write("s4.cost", "let n = 10\noutput cost = (40 - n) * 5 USD\nsweep n in [10, 30]\n");

        var run = CliRunner.Run("diff", before, after, "--fail-on", "cost > +1 USD");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
            Assert.That(run.Output, Does.Contain("cost [n = 10]: 50 USD -> 150 USD").And.Contain("cost [n = 30]: 150 USD -> 50 USD"));
        });
    }

    [Test]
    public void An_assert_over_a_sweep_of_blocks_is_judged_at_every_block()
    {
        using var folder = new TempFolder();
        const string Spec = "import \"std/hardware/nvidia.cost\"\nlet hw = H100_SXM\noutput mem = hw.memory in GB\nassert mem > 20 GB \"enough memory\"\nsweep hw in [L4, A100_80GB, H100_SXM]\n";
        var before = folder.Write("b1.cost", Spec);
        var after = folder.Write("b2.cost", Spec.Replace("20 GB", "30 GB", StringComparison.Ordinal));

        var run = CliRunner.Run("diff", before, after, "--fail-on", "assert");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
            Assert.That(run.Output, Does.Contain("pass -> fail"));
            Assert.That(run.Output, Does.Contain("3 outputs the same"), "one output at each of the three blocks");
        });
    }

    /// <summary>In a unit, a space after '/' multiplies: USD/kW h is (USD/kW)*h, as in a spec.</summary>
    [TestCase("p > +0.5 USD/kW h", 1)]
    [TestCase("p > +2 USD/kW h", 0)]
    public void A_unit_in_a_condition_reads_as_the_same_unit_in_a_spec(string condition, int exit)
    {
        using var folder = new TempFolder();
        var before = folder.Write("k1.cost", "output p = 2 USD/kW h\n");
        var after = folder.Write("k2.cost", "output p = 3 USD/kW h\n");

        var run = CliRunner.Run("diff", before, after, "--fail-on", condition);
        Assert.That(run.ExitCode, Is.EqualTo(exit), run.Output + run.Error);
    }
}
