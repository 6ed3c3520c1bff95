using CostDsl.Catalog;
using CostDsl.Diagnostics;
using CostDsl.Estimation;
using CostDsl.Parsing;
using CostDsl.Syntax;
using CostDsl.Tests.Support;
using CostDsl.Text;

namespace CostDsl.Tests.Catalog;

/// <summary>
/// Every bundled model's params is what the catalog's one counting rule (ParameterCount) gives for its
/// shape fields, and that count is within 1% of the publisher's figure.
/// </summary>
public class CatalogParamsTests
{
    /// <summary>Publisher's total counts, as the model files' comments cite them.</summary>
    private static readonly (string File, string Model, double Published, string Source)[] Published =
    [
        ("llama.cost", "Llama3_1_8B", 8.03e9, "Hugging Face model page, meta-llama/Llama-3.1-8B"),
        ("llama.cost", "Llama3_1_70B", 70.6e9, "Hugging Face model page, meta-llama/Llama-3.1-70B"),
        ("llama.cost", "Llama3_1_405B", 405e9, "Llama 3.1 model card"),
        ("llama.cost", "Llama3_3_70B", 70.6e9, "Hugging Face model page, meta-llama/Llama-3.3-70B-Instruct"),
        ("llama.cost", "Llama4_Maverick", 400e9, "Llama 4 model card"),
        ("deepseek.cost", "DeepSeek_V3", 671e9, "DeepSeek-V3 Technical Report, abstract"),
        ("deepseek.cost", "DeepSeek_R1", 671e9, "DeepSeek-R1 model card"),
        ("qwen.cost", "Qwen2_5_7B", 7.61e9, "Qwen2.5-7B model card"),
        ("qwen.cost", "Qwen2_5_72B", 72.7e9, "Qwen2.5-72B model card"),
        ("qwen.cost", "Qwen3_8B", 8.2e9, "Qwen3-8B model card"),
        ("qwen.cost", "Qwen3_32B", 32.8e9, "Qwen3-32B model card"),
        ("qwen.cost", "Qwen3_235B_A22B", 235e9, "Qwen3-235B-A22B model card"),
        ("gemma.cost", "Gemma2_9B", 9.242e9, "Gemma 2 report, Table 2"),
        ("gemma.cost", "Gemma2_27B", 27.227e9, "Gemma 2 report, Table 2"),
        ("gemma.cost", "Gemma3_27B", 27.016e9, "Gemma 3 report, Table 1 (embedding + non-embedding)"),
        ("openai.cost", "GPT_OSS_120B", 116.83e9, "gpt-oss model card, Table 1"),
        ("openai.cost", "GPT_OSS_20B", 20.91e9, "gpt-oss model card, Table 1"),
        ("mistral.cost", "Mixtral_8x7B", 46.7e9, "Mistral AI announcement, 2023-12-11"),
        ("mistral.cost", "Mixtral_8x22B", 141e9, "Mistral AI announcement, 2024-04-17"),
        ("mistral.cost", "Mistral_7B", 7.3e9, "Mistral AI announcement, \"7.3B\""),
        ("eleutherai.cost", "GPT_J_6B", 6053381344, "GPT-J model card"),
        ("falcon.cost", "Falcon_180B", 180e9, "Falcon-180B model card"),
    ];

    // Left out of the 1% check, with the reason: the publisher gives no count for the part the block describes.
    // Llama4_Scout: Meta's 109B includes the vision encoder; the block is the language model (107.8B counted).
    // Falcon_40B and the Llama 2/3 and Qwen 1 blocks: only the nominal size is published ("40B"), 3% off the count.
    private static IEnumerable<TestCaseData> Cases() =>
        Published.Select(p => new TestCaseData(p.File, p.Model, p.Published).SetName($"{p.Model} ({p.Source})"));

    [TestCaseSource(nameof(Cases))]
    public void CountedParamsAreWithinOnePercentOfThePublishedCount(string file, string model, double published)
    {
        var (shape, stated, statedActive) = ShapeOf(file, model);
        var counted = ParameterCount.Total(shape);
        Assert.Multiple(() =>
        {
            Assert.That(counted, Is.EqualTo(published).Within(1).Percent, "counted from the shape vs published");
            Assert.That(stated, Is.EqualTo(counted).Within(0.01).Percent, "the block's params vs its counted shape");
            if (statedActive is { } active)
            {
                Assert.That(active, Is.EqualTo(ParameterCount.Active(shape)).Within(0.01).Percent, "the block's active_params vs its counted shape");
            }
        });
    }

    [Test]
    public void EveryModelWithAFullShapeStatesItsCountedParams()
    {
        // Blocks that give mlp_matrices and tied_embeddings claim a complete shape: their params must be the count.
        var checkedAny = false;
        foreach (var (file, block) in ModelBlocks().Where(b => b.Block.Fields.Any(f => f.Name == "mlp_matrices") && b.Block.Fields.Any(f => f.Name == "tied_embeddings")))
        {
            var (shape, stated, _) = ShapeOf(file, block.Name);
            Assert.That(stated, Is.EqualTo(ParameterCount.Total(shape)).Within(0.01).Percent, $"{block.Name}.params");
            checkedAny = true;
        }

        Assert.That(checkedAny, Is.True);
    }

    [Test]
    public void EveryPublishedModelIsInTheCatalog() =>
        Assert.That(Published.Select(p => p.Model), Is.SubsetOf(ModelBlocks().Select(b => b.Block.Name)));

    /// <summary>
    /// A bundled block's shape, read as the serving and training models read it: every field ModelShape.Fields
    /// names that the block sets, evaluated, through ModelShape.Read.
    /// </summary>
    private static (ModelShape Shape, double Params, double? ActiveParams) ShapeOf(string file, string model)
    {
        var block = ModelBlocks().Single(b => b.File == file && b.Block.Name == model).Block;
        var present = ModelShape.Fields.Where(f => block.Fields.Any(field => field.Name == f)).ToList();
        Assert.That(present, Is.SupersetOf(new[] { "params", "layers", "d_model", "heads", "vocab", "mlp_matrices", "tied_embeddings" }), $"{model} states its whole shape");
        var result = Spec.Clean($"import \"std/models/{file}\"\n" + string.Join("\n", present.Select(f => $"output {f} = {model}.{f}")));
        var (shape, problem) = ModelShape.Read(model, f => present.Contains(f) ? result.Output(f).Value : null);
        Assert.That(problem, Is.Null, $"{model} reads as a shape");
        return (shape!, shape!.Params, shape.ActiveParams);
    }

    private static IEnumerable<(string File, BlockDecl Block)> ModelBlocks() =>
        Directory.GetFiles(Repository.PathTo("rules", "models"), "*.cost").Order(StringComparer.Ordinal).SelectMany(path =>
        {
            var diagnostics = new DiagnosticBag();
            var tree = Parser.ParseFile(new SourceFile(path, File.ReadAllText(path)), diagnostics);
            return tree.OfType<BlockDecl>().Where(b => b.Kind == BlockKind.Model).Select(b => (Path.GetFileName(path), b));
        });
}
