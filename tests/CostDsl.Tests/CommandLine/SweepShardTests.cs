using CostDsl.Tests.Support;

namespace CostDsl.Tests.CommandLine;

/// <summary>eval --sweep ... --shard K/N, and costdsl merge of the parts' JSON.</summary>
public class SweepShardTests
{
    // A 5 x 6 grid (a sweep in the file and one on the command line), uncertain values, an assert that
    // fails at some points (more than five, so the message says "and N more points") and one that holds.
    private const string Spec = """
        workload chat {
          users = 1000
          interval = 2 s to 5 s
        }
        let price = 2 USD
        sweep chat.users in [500, 1000, 2000, 4000, 8000]
        output rps = chat.users / chat.interval
        output cost = rps * price * 1 s
        assert P(rps > 400 / 1 s) < 50% "load stays low"
        assert price > 0 USD "prices are positive"
        """;

    private static readonly string[] Sweep = ["--sweep", "price=[1 USD, 2 USD, 3 USD, 4 USD, 5 USD, 6 USD]", "--samples", "2000"];

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(7)]
    public void TheMergeOfEveryPartIsByteIdenticalToTheUnshardedSweep(int parts)
    {
        using var folder = new TempFolder();
        var spec = folder.Write("grid.cost", Spec + "\n");
        var whole = CliRunner.Run(["eval", spec, .. Sweep]);
        Assert.That(whole.ExitCode, Is.EqualTo(1), "an assert fails at some points: " + whole.Error);
        Assert.That(whole.Output, Does.Contain("more points"));

        var files = new List<string>();
        for (var k = 0; k < parts; k++)
        {
            var file = folder.PathOf($"part{k}.json");
            CliRunner.Run(["eval", spec, .. Sweep, "--shard", $"{k}/{parts}", "--out", file]);
            files.Add(file);
        }

        // Given in any order: the parts say which they are.
        files.Reverse();
        var merged = CliRunner.Run(["merge", .. files]);
        Assert.Multiple(() =>
        {
            Assert.That(merged.Error, Does.Not.Contain("error CD"));
            Assert.That(merged.Output, Is.EqualTo(whole.Output));
            Assert.That(merged.ExitCode, Is.EqualTo(whole.ExitCode));
        });
    }

    [Test]
    public void APartHoldsItsOwnRunOfPointsAndSaysWhichPartItIs()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("grid.cost", Spec + "\n");
        var part = CliRunner.Run(["eval", spec, .. Sweep, "--shard", "1/3"]);
        var json = Newtonsoft.Json.Linq.JObject.Parse(part.Output);
        Assert.Multiple(() =>
        {
            Assert.That((int)json["part"]!["index"]!, Is.EqualTo(1));
            Assert.That((int)json["part"]!["points"]!, Is.EqualTo(30));
            Assert.That(json["points"]!.Count(), Is.EqualTo(10), "points 10 to 19 of 30");
            Assert.That((double)json["points"]![0]!["inputs"]!["chat.users"]!["value"]!, Is.EqualTo(1000), "the eleventh point of the 5 x 6 grid: users 1000 (the second), price 5 USD (the fifth)");
            Assert.That((double)json["points"]![0]!["inputs"]!["price"]!["value"]!, Is.EqualTo(5));
        });
    }

    [Test]
    public void PartsMadeWithAnotherSeedOrAMissingPartAreRefused()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("grid.cost", Spec + "\n");
        var a = folder.PathOf("a.json");
        var b = folder.PathOf("b.json");
        var c = folder.PathOf("c.json");
        CliRunner.Run(["eval", spec, .. Sweep, "--shard", "0/2", "--out", a]);
        CliRunner.Run(["eval", spec, .. Sweep, "--shard", "1/2", "--seed", "9", "--out", b]);
        CliRunner.Run(["eval", spec, .. Sweep, "--shard", "1/3", "--out", c]);
        var seeds = CliRunner.Run("merge", a, b);
        var missing = CliRunner.Run("merge", a);
        var split = CliRunner.Run("merge", a, c);
        Assert.Multiple(() =>
        {
            Assert.That(seeds.ExitCode, Is.EqualTo(1));
            Assert.That(seeds.Error, Does.Contain("CD0901").And.Contain("other settings"));
            Assert.That(seeds.Output, Is.Empty, "nothing is merged");
            Assert.That(missing.Error, Does.Contain("CD0902").And.Contain("part 1/2 missing"));
            Assert.That(split.Error, Does.Contain("CD0902").And.Contain("one split"));
        });
    }

    [Test]
    public void MorePartsThanPointsIsADiagnosticAndABadShardIsBadUsage()
    {
        using var folder = new TempFolder();
        var spec = folder.Write("small.cost", "let x = 1\nsweep x in [1, 2]\noutput y = x * 2\n");
        var tooMany = CliRunner.Run("eval", spec, "--shard", "0/3");
        var bad = CliRunner.Run("eval", spec, "--shard", "3/3");
        Assert.Multiple(() =>
        {
            Assert.That(tooMany.ExitCode, Is.EqualTo(1));
            Assert.That(tooMany.Error, Does.Contain("CD0904").And.Contain("2 points, fewer than the 3 parts"));
            Assert.That(bad.ExitCode, Is.EqualTo(2));
            Assert.That(bad.Error, Does.Contain("--shard"));
        });
    }
}
