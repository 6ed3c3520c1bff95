using CostDsl.Functions;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.Library;

public class LibraryDocsTests
{
    private static readonly string DocsPath = Repository.PathTo("grammar", "library.md");

    /// <summary>grammar/library.md is generated; COSTDSL_UPDATE_DOCS=1 rewrites it instead of comparing.</summary>
    [Test]
    public void LibraryMarkdownIsTheGeneratedText()
    {
        var rendered = LibraryDocs.Render();
        if (Environment.GetEnvironmentVariable("COSTDSL_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(DocsPath, rendered);
        }

        Assert.That(File.ReadAllText(DocsPath), Is.EqualTo(rendered), "grammar/library.md is stale: run the tests with COSTDSL_UPDATE_DOCS=1");
    }

    [Test]
    public void EveryFunctionIsDocumentedOnce()
    {
        var documented = BuiltinLibrary.Sections.SelectMany(s => s.Functions).Select(f => f.Name).ToList();
        Assert.That(documented, Is.Unique);
        Assert.That(documented, Is.EquivalentTo(BuiltinLibrary.All.Select(f => f.Name)));
    }

    /// <summary>Each estimation function states its formula (in the summary), its units and its source.</summary>
    [Test]
    public void EveryEstimationFunctionNamesItsSource()
    {
        var estimation = BuiltinLibrary.Sections.Where(s => s.Concept != "Math").SelectMany(s => s.Functions).ToList();
        Assert.That(estimation.Select(f => f.Name), Is.SupersetOf(new[]
        {
            "training_flops", "inference_flops", "seed_flops", "weights_memory", "kv_cache", "training_memory",
            "training_days", "devices_for", "decode_tokens_per_s", "prefill_seconds", "energy_cost", "amortized",
            "ttft", "tpot", "serving_tokens_per_s", "max_batch", "max_batch_for_tpot",
        }));
        Assert.That(estimation.Where(f => f.Source.Length == 0 || f.Returns.Length == 0 || f.Summary.IndexOfAny(['=', '*', '/']) < 0).Select(f => f.Name), Is.Empty);
    }
}
