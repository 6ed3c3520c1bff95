using CostDsl.Engine;
using CostDsl.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CostDsl.Hosting.Tests.Batch;

/// <summary>
/// A host may register its own <see cref="ICostEvaluator"/> (a decorator that logs, say) whose results are new
/// <see cref="SpecResult"/>s made from the public fields: the batch's cache works from what every result lists,
/// so such a host's unchanged specs are not evaluated again, and an edited import is still seen.
/// </summary>
public class CustomEvaluatorCacheTests
{
    [Test]
    public async Task ResultsRebuiltByAHostsOwnEvaluatorAreReusedAndStillGoStaleWithTheirImports()
    {
        using var folder = new TempFolder();
        folder.Write("lib/base.cost", "let base = 10 USD\n");
        folder.Write("lib/mid.cost", "import \"base.cost\"\nlet mid = base * 2\n");
        folder.Write("a.cost", "import \"lib/mid.cost\"\noutput a = mid + 1 USD\n");
        folder.Write("b.cost", "import \"lib/base.cost\"\noutput b = base\n");
        folder.Write("c.cost", "output c = 3 GB\n");
        await BatchHarness.RunAsync(folder.In, folder.Out, services: Rebuilding);

        var rerun = await BatchHarness.RunAsync(folder.In, folder.Out, services: Rebuilding);
        folder.Write("lib/base.cost", "let base = 20 USD\n");
        var edited = await BatchHarness.RunAsync(folder.In, folder.Out, services: Rebuilding);

        Assert.Multiple(() =>
        {
            Assert.That(rerun.LastPass!.Evaluated, Is.EqualTo(0), "nothing changed");
            Assert.That(edited.LastPass!.Evaluated, Is.EqualTo(4), "base.cost itself, and mid.cost, a and b, which read it; not c");
            Assert.That(ResultJson.Output(File.ReadAllText(Path.Combine(folder.Out, "a.cost.json")), "a"), Is.EqualTo(41));
        });
    }

    private static Action<IServiceCollection> Rebuilding => EvaluatorWrapper.Install(inner => new RebuildingEvaluator(inner));

    /// <summary>The real evaluator, each result copied field by field as a host's decorator would.</summary>
    private sealed class RebuildingEvaluator(ICostEvaluator inner) : ICostEvaluator
    {
        public Task<ParsedSpec> ParseAsync(SpecSource source, CancellationToken cancellation = default) => inner.ParseAsync(source, cancellation);

        public async Task<SpecResult> CheckAsync(SpecSource source, EvaluationOptions? options = null, CancellationToken cancellation = default) =>
            Copy(await inner.CheckAsync(source, options, cancellation));

        public async Task<SpecResult> EvaluateAsync(SpecSource source, EvaluationOptions? options = null, CancellationToken cancellation = default) =>
            Copy(await inner.EvaluateAsync(source, options, cancellation));

        public string ToJson(SpecResult result) => inner.ToJson(result);

        private static SpecResult Copy(SpecResult result) => new(result.Run, [.. result.Inputs]) { Imports = [.. result.Imports], TimedOut = result.TimedOut };
    }
}
