using System.Text.RegularExpressions;
using CostDsl.Diagnostics;
using CostDsl.Modules;
using CostDsl.Parsing;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Tests.Support;
using CostDsl.Text;

namespace CostDsl.Tests.Library;

/// <summary>The hardware and model catalogs in rules/: they parse, check, carry the blocks issue 3 asks for, and source every figure.</summary>
public partial class CatalogTests
{
    private static readonly string[] RequiredHardware =
    [
        "A100_40GB", "A100_80GB", "A100", "H100_SXM", "H100_PCIe", "H800", "H200", "T4", "L4", "L40S", "V100",
        "RTX_3090", "RTX_4090", "MI300X", "MLU370", "Kunlun2", "Ascend_910B",
    ];

    private static readonly string[] RequiredModels =
    [
        "GPT3_175B", "ChatGLM2_6B", "Llama2_7B", "Llama2_13B", "Llama2_70B", "Llama3_8B", "Llama3_70B", "Llama3_405B",
        "Mistral_7B", "Mixtral_8x7B", "Qwen_7B", "Qwen_72B", "Falcon_40B",
    ];

    /// <summary>Catalog files as the bundled library names them: std/hardware/nvidia.cost.</summary>
    public static IEnumerable<string> CatalogFiles() =>
        new[] { "hardware", "models", "prices" }
            .SelectMany(folder => Directory.GetFiles(Repository.PathTo("rules", folder), "*.cost")
                .Select(path => $"std/{folder}/{Path.GetFileName(path)}"))
            .Order(StringComparer.Ordinal);

    /// <summary>A clean evaluation of a spec that imports the file proves that it parses and that every known field has its dimension.</summary>
    [TestCaseSource(nameof(CatalogFiles))]
    public void CatalogFileEvaluatesClean(string file) =>
        Spec.Clean($"import \"{file}\"\noutput ok = 1");

    [TestCaseSource(nameof(CatalogFiles))]
    public void CatalogFileIsBundled(string file) =>
        Assert.That(BundledLibrary.Read(file), Is.EqualTo(File.ReadAllText(Repository.PathTo("rules", file["std/".Length..]))));

    [TestCaseSource(nameof(CatalogFiles))]
    public void EveryFieldHasASourceComment(string file)
    {
        var unsourced = Blocks(file)
            .SelectMany(b => b.Fields)
            .Where(f => !LineOf(f).Contains('#', StringComparison.Ordinal))
            .Select(f => $"line {f.Span.Line}: {f.Name}");
        Assert.That(unsourced, Is.Empty);
    }

    /// <summary>A comment is not a source: each field's comment names a dated document, a config.json, a paper, report, model card, datasheet or docs page, or says it is counted.</summary>
    [TestCaseSource(nameof(CatalogFiles))]
    public void EveryFieldCommentNamesItsSource(string file)
    {
        var unsourced = Blocks(file)
            .SelectMany(b => b.Fields)
            .Select(f => (Field: f, Comment: LineOf(f)[(LineOf(f).IndexOf('#', StringComparison.Ordinal) + 1)..]))
            .Where(x => !NamesASource().IsMatch(x.Comment))
            .Select(x => $"line {x.Field.Span.Line}: {x.Field.Name}:{x.Comment}");
        Assert.That(unsourced, Is.Empty);
    }

    [TestCaseSource(nameof(RequiredHardware))]
    public void HardwareIsInTheCatalog(string name) =>
        Assert.That(AllBlocks().Where(b => b.Kind == BlockKind.Hardware).Select(b => b.Name), Does.Contain(name));

    /// <summary>Every model gives the shape the memory and compute functions need; running them proves the fields' dimensions.</summary>
    [TestCaseSource(nameof(RequiredModels))]
    public void ModelHasItsShape(string name)
    {
        var file = AllFiles().Single(f => Blocks(f).Any(b => b.Kind == BlockKind.Model && b.Name == name));
        var result = Spec.Clean($"""
            import "{file}"
            output flops = inference_flops({name}, 1 token, context: 1 token) in FLOP
            output cache = kv_cache({name}, 1 token, 1, 2 B) in B
            output layers = {name}.layers
            output kv_heads = {name}.kv_heads
            output context = {name}.context in token
            """);
        Assert.Multiple(() =>
        {
            Assert.That(result.Output("flops").Value, Is.GreaterThan(0));
            Assert.That(result.Output("cache").Value, Is.GreaterThan(0));
            Assert.That(result.Output("kv_heads").Value, Is.LessThanOrEqualTo(Spec.Clean($"import \"{file}\"\noutput model_heads = {name}.heads").Output("model_heads").Value));
        });
    }

    [Test]
    public void MixtureOfExpertsActiveParamsAreBelowParams()
    {
        var result = Spec.Clean("import \"std/models/mistral.cost\"\noutput ratio = Mixtral_8x7B.active_params / Mixtral_8x7B.params");
        Assert.That(result.Output("ratio").Value, Is.InRange(0.2, 0.35));
    }

    [Test]
    public void SparsePeaksAreOnlyInSparseFields()
    {
        // The dense field of a precision is half its *_sparse twin (2:4 structured sparsity doubles the peak).
        // 3% allows the L40S datasheet's own rounding: it prints FP16/BF16 as 362.05 | 733*, a ratio of 2.025.
        var pairs = AllFiles()
            .SelectMany(f => Blocks(f).Select(b => (File: f, Block: b)))
            .SelectMany(x => x.Block.Fields.Where(field => field.Name.EndsWith("_sparse", StringComparison.Ordinal))
                .Select(field => (x.File, x.Block.Name, Sparse: field.Name, Dense: field.Name[..^"_sparse".Length])))
            .ToList();
        Assert.That(pairs, Is.Not.Empty);
        foreach (var (file, block, sparse, dense) in pairs)
        {
            var ratio = Spec.Clean($"import \"{file}\"\noutput r = {block}.{sparse} / {block}.{dense}").Output("r").Value;
            Assert.That(ratio, Is.EqualTo(2).Within(3).Percent, $"{block}.{sparse} / {block}.{dense}");
        }
    }

    private static IEnumerable<string> AllFiles() => CatalogFiles();

    private static IEnumerable<BlockDecl> AllBlocks() => AllFiles().SelectMany(Blocks);

    private static IEnumerable<BlockDecl> Blocks(string file)
    {
        var text = File.ReadAllText(Repository.PathTo("rules", file["std/".Length..]));
        var diagnostics = new DiagnosticBag();
        var tree = Parser.ParseFile(new SourceFile(file, text), diagnostics);
        Assert.That(diagnostics.Items, Is.Empty, () => DiagnosticRenderer.RenderAll(diagnostics.Items));
        return tree.OfType<BlockDecl>();
    }

    private static string LineOf(FieldDecl field)
    {
        var text = field.Span.File.Text;
        var start = text.LastIndexOf('\n', Math.Max(field.Span.Start - 1, 0)) + 1;
        var end = text.IndexOf('\n', field.Span.Start);
        return text[start..(end < 0 ? text.Length : end)];
    }

    [GeneratedRegex(@"\b(19|20)\d\d\b|config\.json|\b(paper|report|model card|datasheet|data sheet|whitepaper|docs)\b|same (source|page|survey)|counted", RegexOptions.IgnoreCase)]
    private static partial Regex NamesASource();
}
