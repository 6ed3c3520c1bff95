using CostDsl.Tests.Support;

namespace CostDsl.Tests.CommandLine;

/// <summary>
/// costdsl merge of sweep parts where a part is not what the unsharded run would join: each case a reviewer found merged
/// wrongly (a different result, a made-up section) or crashing. Either the merge is the unsharded bytes, or it is refused.
/// </summary>
public class SweepMergeRefusalTests
{
    private const string Edited = "let price = 2 USD/h\nlet hours = 10 h\noutput cost = price * hours in USD\nsweep price in [1 USD/h, 2 USD/h, 3 USD/h]\n";

    private static List<string> Parts(TempFolder folder, string spec, int count, params string[] more)
    {
        var files = new List<string>();
        for (var k = 0; k < count; k++)
        {
            var file = folder.PathOf($"part{k}.json");
            CliRunner.Run(["eval", spec, .. more, "--shard", $"{k}/{count}", "--out", file]);
            files.Add(file);
        }

        return files;
    }

    /// <summary>An output that fails at one point (a division by zero) is left out of every point of the grid, and so of the merge.</summary>
    [TestCase(2)]
    [TestCase(4)]
    public void An_output_failing_at_one_point_leaves_every_point_as_unsharded(int count)
    {
        using var folder = new TempFolder();
        var spec = folder.Write("dz.cost", "let d = 1\nlet x = 10 USD\noutput y = x / d\noutput z = x * 2\nsweep d in [1, 2, 0, 4]\n");
        var whole = CliRunner.Run("eval", spec);
        var merged = CliRunner.Run(["merge", .. Parts(folder, spec, count)]);
        Assert.Multiple(() =>
        {
            Assert.That(whole.Output, Does.Contain("\"z\"").And.Not.Contain("\"y\""));
            Assert.That(merged.Output, Is.EqualTo(whole.Output));
            Assert.That(merged.ExitCode, Is.EqualTo(whole.ExitCode));
        });
    }

    /// <summary>An assert uncertain at one block point is judged nowhere, so its failure at another point is not reported either.</summary>
    [Test]
    public void An_assert_no_part_judges_everywhere_reports_no_failure()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("bu.cost", "hardware H1 { price = 5 USD; power = 300 W }\nhardware H2 { price = 8 USD to 12 USD; power = 400 W }\nhardware H3 { price = 20 USD; power = 500 W }\nlet hw = H1\noutput p = hw.price\nassert hw.price < 10 USD \"cheap\"\nsweep hw in [H1, H2, H3]\n");
        var whole = CliRunner.Run("eval", spec, "--samples", "200");
        var merged = CliRunner.Run(["merge", .. Parts(folder, spec, 3, "--samples", "200")]);
        Assert.Multiple(() =>
        {
            Assert.That(whole.Output, Does.Contain("CD0406").And.Not.Contain("CD0404"));
            Assert.That(merged.Output, Is.EqualTo(whole.Output));
        });
    }

    [Test]
    public void A_part_of_a_swept_output_refuses_sensitivity_as_the_whole_grid_does()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("s.cost", "let a = 1 to 2\nlet k = 1\noutput o = a * k\nsweep k in [1, 2, 3]\n");
        var part = CliRunner.Run("eval", spec, "--sensitivity", "o", "--samples", "500", "--shard", "0/3");
        Assert.Multiple(() =>
        {
            Assert.That(part.ExitCode, Is.EqualTo(1));
            Assert.That(part.Error, Does.Contain("CD0313").And.Contain("swept"));
            Assert.That(part.Output, Does.Not.Contain("\"sensitivity\""));
        });
    }

    [Test]
    public void Parts_of_two_versions_of_the_spec_are_refused()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("e.cost", Edited);
        var parts = Parts(folder, spec, 3);
        File.WriteAllText(spec, Edited.Replace("price * hours in USD", "price * hours * 2 in USD", StringComparison.Ordinal));
        CliRunner.Run("eval", spec, "--shard", "1/3", "--out", parts[1]);

        var merged = CliRunner.Run(["merge", .. parts]);
        Assert.Multiple(() =>
        {
            Assert.That(merged.ExitCode, Is.EqualTo(1));
            Assert.That(merged.Error, Does.Contain("CD0901").And.Contain("other versions of the spec or its imports"));
            Assert.That(merged.Output, Is.Empty);
        });
    }

    [Test]
    public void A_value_edited_in_place_is_refused_by_the_parts_digest()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("e.cost", Edited);
        var parts = Parts(folder, spec, 3);
        var text = File.ReadAllText(parts[1]);
        var edited = text.Replace("\"value\": 20,", "\"value\": 25,", StringComparison.Ordinal);
        File.WriteAllText(parts[1], edited);

        var merged = CliRunner.Run(["merge", .. parts]);
        Assert.Multiple(() =>
        {
            Assert.That(edited, Is.Not.EqualTo(text), "the part really changed");
            Assert.That(merged.ExitCode, Is.EqualTo(1));
            Assert.That(merged.Error, Does.Contain("CD0903").And.Contain("digest"));
        });
    }

    [TestCase("\"index\": 1,", "\"index\": \"x\",")]
    [TestCase("\"index\": 1,", "\"index\": 99999999999,")]
    [TestCase("\"count\": 3,", "\"count\": 1.5,")]
    public void A_part_field_of_the_wrong_type_is_refused_not_a_crash(string from, string to)
    {
        using var folder = new TempFolder();
        var spec = folder.Write("e.cost", Edited);
        var parts = Parts(folder, spec, 3);
        var text = File.ReadAllText(parts[1]);
        File.WriteAllText(parts[1], text.Replace(from, to, StringComparison.Ordinal));

        var merged = CliRunner.Run(["merge", .. parts]);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain(from));
            Assert.That(merged.ExitCode, Is.EqualTo(1));
            Assert.That(merged.Error, Does.Contain("CD0903").And.Not.Contain("internal error"));
        });
    }

    [Test]
    public void A_negative_zero_reaches_the_json_as_zero_and_its_parts_merge()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("negz.cost", "let x = 1 USD\noutput z = x * -1\nsweep x in [0 USD, 1 USD, 2 USD, 3 USD]\n");
        var whole = CliRunner.Run("eval", spec);
        var merged = CliRunner.Run(["merge", .. Parts(folder, spec, 2)]);
        Assert.Multiple(() =>
        {
            Assert.That(whole.Output, Does.Not.Contain("-0,").And.Not.Contain("-0\n"));
            Assert.That(merged.ExitCode, Is.EqualTo(0), merged.Error);
            Assert.That(merged.Output, Is.EqualTo(whole.Output));
        });
    }

    [Test]
    public void Shard_with_a_scenario_comparison_and_merge_onto_a_part_are_bad_usage()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("scen.cost", "let price = 2 USD/h\nlet hours = 10 h\noutput cost = price * hours in USD\nscenario pricey { price = 9 USD/h }\nsweep hours in [1 h, 2 h, 3 h, 4 h]\n");
        var comparison = CliRunner.Run("eval", spec, "--scenario", "all", "--shard", "0/2");
        var parts = Parts(folder, spec, 2);
        var before = File.ReadAllText(parts[0]);
        var onto = CliRunner.Run(["merge", .. parts, "--out", parts[0]]);
        Assert.Multiple(() =>
        {
            Assert.That(comparison.ExitCode, Is.EqualTo(2));
            Assert.That(comparison.Error, Does.Contain("--shard").And.Contain("--scenario all"));
            Assert.That(onto.ExitCode, Is.EqualTo(2));
            Assert.That(File.ReadAllText(parts[0]), Is.EqualTo(before), "the part is left as it was");
        });
    }

    /// <summary>An error in a sweep stops the run before any point: the merge names that error, not "make it with --shard".</summary>
    [Test]
    public void Parts_of_a_spec_with_an_error_in_its_sweep_name_that_error()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("se.cost", "let x = 5 USD\noutput y = x * 2\nsweep x in [5 USD, 1 USD to 2 USD]\n");
        var merged = CliRunner.Run(["merge", .. Parts(folder, spec, 2)]);
        Assert.Multiple(() =>
        {
            Assert.That(merged.ExitCode, Is.EqualTo(1));
            Assert.That(merged.Error, Does.Contain("its spec has an error (CD0407"));
            Assert.That(merged.Error, Does.Not.Contain("make it with costdsl eval"));
        });
    }
}
