using CostDsl.Hosting.Tests.Support;

namespace CostDsl.Hosting.Tests.Batch;

/// <summary>Eight workers over the same 200 files give the same bytes as one.</summary>
public class DeterminismTests
{
    [Test]
    public async Task EightWorkersGiveTheSameBytesAsOne()
    {
        using var folder = new TempFolder();
        folder.Write("shared/rates.cost", "unit EUR = USD / 0.92\nlet rate = 2.5 USD/h\n");
        for (var i = 0; i < 200; i++)
        {
            var text = (i % 7) switch
            {
                0 => "let x = 3 GB + 2 s\n",
                1 => $"import \"../shared/rates.cost\"\noutput cost = rate * {i} h in EUR\n",
                2 => "let x = 1 +\n",
                _ => Specs.Good(i),
            };
            folder.Write($"d{i % 5}/s{i:D3}.cost", text);
        }

        var one = folder.PathTo("one");
        var eight = folder.PathTo("eight");
        await BatchHarness.RunAsync(folder.In, one, o => o.Parallelism = 1);
        await BatchHarness.RunAsync(folder.In, eight, o => o.Parallelism = 8);

        var files = Directory.GetFiles(one, "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(one, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.That(files.Count(f => !f.StartsWith(".costdsl", StringComparison.Ordinal)), Is.EqualTo(202), "200 specs, shared/rates.cost and the index (besides the results' stamps)");
        Assert.That(Directory.GetFiles(eight, "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(eight, f)).Order(StringComparer.Ordinal), Is.EqualTo(files));
        Assert.Multiple(() =>
        {
            foreach (var file in files)
            {
                Assert.That(File.ReadAllBytes(Path.Combine(eight, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(one, file))), file);
            }
        });
    }
}
