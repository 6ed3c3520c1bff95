using System.Diagnostics;
using CostDsl.Hosting.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Hosting.Tests.Batch;

/// <summary>A batch killed at any point never leaves a result that a later pass serves as up to date when it is not.</summary>
public class StaleCacheTests
{
    [Test]
    public async Task AResultWrittenWithoutItsStampIsNotServedAfterARevert()
    {
        using var folder = new TempFolder();
        folder.Write("s.cost", "let price = 100 USD\noutput price\n");
        await BatchHarness.RunAsync(folder.In, folder.Out);
        var stamp = Path.Combine(folder.Out, ".costdsl", "stamps", "s.cost.json");
        var firstStamp = File.ReadAllText(stamp);

        // Pass 2 writes the result for 999 and is killed before its stamp: the stamp on disk is pass 1's.
        folder.Write("s.cost", "let price = 999 USD\noutput price\n");
        await BatchHarness.RunAsync(folder.In, folder.Out);
        File.WriteAllText(stamp, firstStamp);

        folder.Write("s.cost", "let price = 100 USD\noutput price\n");
        var pass3 = await BatchHarness.RunAsync(folder.In, folder.Out);

        Assert.Multiple(() =>
        {
            Assert.That(pass3.LastPass!.Evaluated, Is.EqualTo(1), "the stamp does not vouch for the result on disk");
            Assert.That(ResultJson.Output(folder.Result("s.cost"), "price"), Is.EqualTo(100));
        });
    }

    [Test]
    public async Task ADeletedSpecWhoseRemovalWasCutShortIsNeitherListedNorKept()
    {
        using var folder = new TempFolder();
        folder.Write("a.cost", "output a = 1\n");
        folder.Write("b.cost", "output b = 2\n");
        await BatchHarness.RunAsync(folder.In, folder.Out);

        // Killed after the result was removed but before its stamp was: the stamp alone is left.
        File.Delete(Path.Combine(folder.In, "b.cost"));
        File.Delete(Path.Combine(folder.Out, "b.cost.json"));
        var rerun = await BatchHarness.RunAsync(folder.In, folder.Out);

        var index = ResultJson.Parse(File.ReadAllText(Path.Combine(folder.Out, "index.json")));
        Assert.Multiple(() =>
        {
            Assert.That(rerun.ExitCode, Is.EqualTo(0));
            Assert.That(index["files"]!.Select(f => (string)f["file"]!), Is.EqualTo(new[] { "a.cost" }));
            Assert.That(File.Exists(Path.Combine(folder.Out, ".costdsl", "stamps", "b.cost.json")), Is.False);
        });
    }

    /// <summary>
    /// The randomized fault test: edits, reverts and deletions, each followed by a costdsl batch process
    /// killed (SIGKILL) at a random moment; after each run to the end, every result must be byte for byte
    /// what a fresh batch into an empty folder gives, and the index must list exactly the results on disk.
    /// </summary>
    [Test]
    public async Task ABatchKilledAtRandomPointsNeverServesAStaleResult()
    {
        var seed = TestContext.CurrentContext.Random.Next();
        var random = new Random(seed);
        using var folder = new TempFolder();
        folder.Write("lib/rate.cost", "let rate = 2 USD/h\n");
        string Spec(int i, int price) => $"import \"../lib/rate.cost\"\nlet price = {price} USD\noutput total = price + rate * {i} h\n" + (i % 4 == 0 ? Specs.Slow(12) : string.Empty);
        var prices = new Dictionary<int, int>();
        for (var i = 0; i < 12; i++)
        {
            prices[i] = 100;
            folder.Write($"d/s{i:D2}.cost", Spec(i, 100));
        }

        for (var round = 0; round < 8; round++)
        {
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var i = random.Next(12);
                switch (random.Next(4))
                {
                    case 0:
                        folder.Write("lib/rate.cost", $"let rate = {random.Next(1, 3)} USD/h\n");
                        break;
                    case 1:
                        File.Delete(Path.Combine(folder.In, "d", $"s{i:D2}.cost"));
                        break;
                    default:
                        // Two values only, so edits are often reverts of an earlier one.
                        folder.Write($"d/s{i:D2}.cost", Spec(i, random.Next(2) == 0 ? 100 : 999));
                        break;
                }
            }

            for (var kills = random.Next(1, 3); kills > 0; kills--)
            {
                RunCli(folder, killAfter: TimeSpan.FromMilliseconds(random.Next(50, 1500)));
                AssertIndexListsOnlyResultsOnDisk(folder.Out, $"seed {seed}, round {round}, after a kill");
            }

            Assert.That(RunCli(folder, killAfter: null), Is.EqualTo(0), $"seed {seed}, round {round}");
            var fresh = folder.PathTo($"fresh{round}");
            await BatchHarness.RunAsync(folder.In, fresh);
            AssertSameResults(fresh, folder.Out, $"seed {seed}, round {round}");
        }
    }

    private static int RunCli(TempFolder folder, TimeSpan? killAfter)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "costdsl.exe" : "costdsl"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "batch", "--in", folder.In, "--out", folder.Out, "--parallel", "2" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEndAsync();
        if (killAfter is { } delay && !process.WaitForExit(delay))
        {
            process.Kill(entireProcessTree: true);
        }

        Assert.That(process.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, "the batch ends");
        return process.ExitCode;
    }

    private static void AssertIndexListsOnlyResultsOnDisk(string output, string context)
    {
        var index = Path.Combine(output, "index.json");
        if (!File.Exists(index))
        {
            return;
        }

        foreach (var result in JObject.Parse(File.ReadAllText(index))["files"]!.Select(f => (string)f["result"]!))
        {
            Assert.That(File.Exists(Path.Combine(output, result)), Is.True, $"{context}: the index lists {result}, which is missing");
        }
    }

    private static void AssertSameResults(string fresh, string output, string context)
    {
        static string[] Results(string folder) =>
            [.. Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Where(f => !f.StartsWith('.')).Order(StringComparer.Ordinal)];

        Assert.That(Results(output), Is.EqualTo(Results(fresh)), $"{context}: the same results, none left of deleted specs");
        Assert.Multiple(() =>
        {
            foreach (var file in Results(fresh))
            {
                Assert.That(File.ReadAllText(Path.Combine(output, file)), Is.EqualTo(File.ReadAllText(Path.Combine(fresh, file))), $"{context}: {file}");
            }
        });
    }
}
