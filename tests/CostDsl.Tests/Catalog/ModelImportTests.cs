using System.Text.RegularExpressions;
using CostDsl.Catalog;
using CostDsl.Diagnostics;
using CostDsl.Estimation;
using CostDsl.Tests.Support;
using CostDsl.Text;

namespace CostDsl.Tests.Catalog;

/// <summary>`costdsl model import`: published configs give their published parameter counts, the block evaluates, and bad input is a clear error.</summary>
public class ModelImportTests
{
    // Published counts (sources in Configs/README.md). The brief's rounding of Qwen2.5 7B (7.62B) and the model card's (7.61B) both hold within 1%.
    [TestCase("Llama-3.1-8B.json", 8.03e9)]
    [TestCase("Qwen2.5-7B.json", 7.62e9)]
    [TestCase("Mixtral-8x7B-v0.1.json", 46.7e9)]
    [TestCase("DeepSeek-V3.json", 671e9)]
    public void ImportedParamsAreThePublishedCount(string config, double published)
    {
        var outcome = CliRunner.Run("model", "import", ConfigPath(config), "--name", "M");
        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Error);
        var result = Spec.Clean(outcome.Output + "output p = M.params");
        Assert.That(result.Output("p").Value, Is.EqualTo(published).Within(1).Percent);
    }

    [Test]
    public void MixtureOfExpertsActiveParamsAreThePublishedOnes()
    {
        // Mixtral announcement (2023-12-11): 12.9B per token; DeepSeek-V3 report: 37B activated.
        Assert.Multiple(() =>
        {
            Assert.That(ImportOutput("Mixtral-8x7B-v0.1.json", "M.active_params"), Is.EqualTo(12.9e9).Within(1).Percent);
            Assert.That(ImportOutput("DeepSeek-V3.json", "M.active_params"), Is.EqualTo(37e9).Within(2).Percent);
        });
    }

    /// <summary>The block runs through the serving functions: FLOPs per token, KV cache, weights, decode speed on as many catalog GPUs as its weights need.</summary>
    [TestCase("Llama-3.1-8B.json")]
    [TestCase("Qwen2.5-7B.json")]
    [TestCase("Mixtral-8x7B-v0.1.json")]
    [TestCase("DeepSeek-V3.json")]
    public void ImportedBlockEvaluatesInTheServingModel(string config)
    {
        var block = CliRunner.Run("model", "import", ConfigPath(config), "--name", "M").Output;
        var result = Spec.Clean(block + """
            import "std/hardware/nvidia.cost"
            output flops = inference_flops(M, 1 token, context: 1000 token) in FLOP
            output cache = kv_cache(M, 1000 token, 1, 2 B) in GB
            output weights = weights_memory(M, 2 B) in GB
            output speed = decode_tokens_per_s(M, H100_SXM, bytes_per_param: 2 B, devices: ceil(weights_memory(M, 2 B) / (0.8 * H100_SXM.memory))) in token/s
            """);
        Assert.Multiple(() =>
        {
            Assert.That(result.Output("flops").Value, Is.GreaterThan(0));
            Assert.That(result.Output("cache").Value, Is.GreaterThan(0));
            Assert.That(result.Output("weights").Value, Is.EqualTo(2 * Spec.Clean(block + "output p = M.params").Output("p").Value / 1e9).Within(1e-6).Percent);
            Assert.That(result.Output("speed").Value, Is.GreaterThan(0));
        });
    }

    /// <summary>
    /// The shape keys of published configs (Hugging Face config.json of google/gemma-3-27b-pt, meta-llama/Llama-4-Maverick-17B-128E,
    /// openai/gpt-oss-120b, EleutherAI/gpt-j-6b, tiiuae/falcon-180B; other keys left out) import to the catalog block's params:
    /// the importer and the catalog count with one rule.
    /// </summary>
    [TestCase("gemma.cost", "Gemma3_27B", """{"model_type": "gemma3", "text_config": {"head_dim": 128, "hidden_size": 5376, "intermediate_size": 21504, "num_attention_heads": 32, "num_hidden_layers": 62, "num_key_value_heads": 16, "sliding_window": 1024, "sliding_window_pattern": 6, "vocab_size": 262208}}""")]
    [TestCase("llama.cost", "Llama4_Maverick", """{"model_type": "llama4", "text_config": {"head_dim": 128, "hidden_size": 5120, "interleave_moe_layer_step": 2, "intermediate_size": 8192, "intermediate_size_mlp": 16384, "num_attention_heads": 40, "num_experts_per_tok": 1, "num_hidden_layers": 48, "num_key_value_heads": 8, "num_local_experts": 128, "vocab_size": 202048}}""")]
    [TestCase("openai.cost", "GPT_OSS_120B", """{"model_type": "gpt_oss", "head_dim": 64, "hidden_size": 2880, "intermediate_size": 2880, "num_attention_heads": 64, "num_experts_per_tok": 4, "num_hidden_layers": 36, "num_key_value_heads": 8, "num_local_experts": 128, "sliding_window": 128, "vocab_size": 201088}""")]
    [TestCase("eleutherai.cost", "GPT_J_6B", """{"model_type": "gptj", "n_embd": 4096, "n_head": 16, "n_layer": 28, "n_inner": null, "n_positions": 2048, "vocab_size": 50400}""")]
    [TestCase("falcon.cost", "Falcon_180B", """{"model_type": "falcon", "hidden_size": 14848, "num_attention_heads": 232, "num_hidden_layers": 80, "num_kv_heads": 8, "new_decoder_architecture": true, "vocab_size": 65024}""")]
    public void ImportedShapesGiveTheCatalogParams(string file, string model, string config)
    {
        using var folder = new TempFolder();
        var block = CliRunner.Run("model", "import", folder.Write("config.json", config), "--name", "M").Output;
        var imported = Spec.Clean(block + "output p = M.params").Output("p").Value;
        var catalog = Spec.Clean($"import \"std/models/{file}\"\noutput p = {model}.params").Output("p").Value;
        Assert.That(imported, Is.EqualTo(catalog).Within(0.01).Percent);
    }

    /// <summary>
    /// The importer builds the same ModelShape the serving and training models read from a block, and the block it
    /// writes reads back (through ModelShape.Read, every field ModelShape.Fields names) as that shape: a field added
    /// to the shape and filled by the importer but not written, or written under another name, fails here.
    /// </summary>
    [TestCase("Llama-3.1-8B.json")]
    [TestCase("Qwen2.5-7B.json")]
    [TestCase("Mixtral-8x7B-v0.1.json")]
    [TestCase("DeepSeek-V3.json")]
    public void TheWrittenBlockReadsBackAsTheImportedShape(string config)
    {
        var source = new SourceFile(ConfigPath(config), File.ReadAllText(ConfigPath(config)));
        var diagnostics = new DiagnosticBag();
        var imported = HuggingFaceConfig.Read(source, diagnostics);
        Assert.That(imported, Is.Not.Null, () => DiagnosticRenderer.RenderAll(diagnostics.Sorted()));
        var block = ModelBlockWriter.Write(imported!, "M", config);
        var written = ModelShape.Fields.Where(f => Regex.IsMatch(block, $@"^\s*{f}\s*=", RegexOptions.Multiline)).ToList();
        var result = Spec.Clean(block + string.Join("\n", written.Select(f => $"output {f} = M.{f}")));
        var (read, problem) = ModelShape.Read("M", f => written.Contains(f) ? result.Output(f).Value : null);
        Assert.That(problem, Is.Null);

        // params are written rounded to a whole parameter; everything else is a whole count and must match exactly.
        Assert.Multiple(() =>
        {
            Assert.That(read!.Params, Is.EqualTo(imported!.Shape.Params).Within(1));
            Assert.That(read with { Params = 0, ActiveParams = null, Name = "" }, Is.EqualTo(imported.Shape with { Params = 0, ActiveParams = null, Name = "" }));
            Assert.That(read.ActiveParams.HasValue, Is.EqualTo(imported.Shape.ActiveParams.HasValue));
        });
    }

    [Test]
    public void EveryShapeFieldIsOneTheImporterWrites()
    {
        // Across the bundled test configs (dense, GQA, MoE, latent attention) and a windowed Gemma 3, every field
        // the performance models read is one the importer fills: none is left for the user to copy by hand.
        var gemma3 = """{"model_type": "gemma3", "text_config": {"head_dim": 128, "hidden_size": 5376, "intermediate_size": 21504, "num_attention_heads": 32, "num_hidden_layers": 62, "num_key_value_heads": 16, "sliding_window": 1024, "sliding_window_pattern": 6, "vocab_size": 262208}}""";
        var texts = new[] { "Llama-3.1-8B.json", "Qwen2.5-7B.json", "Mixtral-8x7B-v0.1.json", "DeepSeek-V3.json" }
            .Select(c => File.ReadAllText(ConfigPath(c))).Append(gemma3);
        var blocks = string.Join("\n", texts.Select(t =>
        {
            var model = HuggingFaceConfig.Read(new SourceFile("config.json", t), new DiagnosticBag());
            return ModelBlockWriter.Write(model!, "M", "config.json");
        }));
        var written = ModelShape.Fields.Where(f => Regex.IsMatch(blocks, $@"^\s*{f}\s*=", RegexOptions.Multiline));
        Assert.That(written, Is.EquivalentTo(ModelShape.Fields));
    }

    [Test]
    public void TheBlockNamesItsFileAndSaysHowToGiveAPrecision()
    {
        var outcome = CliRunner.Run("model", "import", ConfigPath("Llama-3.1-8B.json"));
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Output, Does.Contain("from " + ConfigPath("Llama-3.1-8B.json")));
            Assert.That(outcome.Output, Does.Contain("model Llama_3_1_8B {"));
            Assert.That(outcome.Output, Does.Contain("bytes_per_param = 2 B"));
            Assert.That(outcome.Output, Does.Contain("tied_embeddings = 0"));
        });
    }

    [TestCase("Llama-3.1-8B.json")]
    [TestCase("DeepSeek-V3.json")]
    public void TheBlockIsInTheLayoutFmtGives(string config)
    {
        var block = CliRunner.Run("model", "import", ConfigPath(config)).Output;
        Assert.That(CostDsl.Tooling.Formatting.Formatter.Format(new CostDsl.Text.SourceFile("import.cost", block)).Changed, Is.False, block);
    }

    [Test]
    public void ADefaultNameComesFromTheFolderOfAConfigJson()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Qwen2.5-7B-Instruct/config.json", File.ReadAllText(ConfigPath("Qwen2.5-7B.json")));
        Assert.That(CliRunner.Run("model", "import", path).Output, Does.Contain("model Qwen2_5_7B_Instruct {"));
    }

    [Test]
    public void AnUnknownArchitectureIsAnErrorNamingIt()
    {
        using var folder = new TempFolder();
        var path = folder.Write("config.json", "{\"model_type\": \"mamba\", \"hidden_size\": 768}");
        var outcome = CliRunner.Run("model", "import", path);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(outcome.Output, Is.Empty);
            Assert.That(outcome.Error, Does.Contain("error CD0602: model_type \"mamba\" is not an architecture"));
            Assert.That(outcome.Error, Does.Contain("deepseek_v3"));
        });
    }

    [TestCase("# not json", "CD0601", "not valid JSON")]
    [TestCase("[1, 2]", "CD0601", "JSON object")]
    [TestCase("{\"hidden_size\": 4096}", "CD0601", "no \"model_type\"")]
    [TestCase("{\"model_type\": \"llama\", \"hidden_size\": 4096, \"num_attention_heads\": 32, \"vocab_size\": 10, \"intermediate_size\": 5}", "CD0603", "needs \"num_hidden_layers\"")]
    [TestCase("{\"model_type\": \"llama\", \"num_hidden_layers\": \"many\", \"hidden_size\": 4096, \"num_attention_heads\": 32, \"vocab_size\": 10, \"intermediate_size\": 5}", "CD0603", "\"num_hidden_layers\" must be a whole number")]
    [TestCase("{\"model_type\": \"gemma3\"}", "CD0603", "\"text_config\"")]
    public void ANonConfigIsAnErrorSayingWhatIsMissing(string text, string code, string message)
    {
        using var folder = new TempFolder();
        var path = folder.Write("config.json", text);
        var outcome = CliRunner.Run("model", "import", path);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(outcome.Error, Does.StartWith($"{path}:1:"));
            Assert.That(outcome.Error, Does.Contain($"error {code}: "));
            Assert.That(outcome.Error, Does.Contain(message));
        });
    }

    [Test]
    public void AMissingFileIsAnError() =>
        Assert.That(CliRunner.Run("model", "import", "no/such/config.json").Error, Does.Contain("CD0001"));

    [TestCase("9lives")]
    [TestCase("model")]
    [TestCase("a-b")]
    public void ABadNameIsAUsageError(string name)
    {
        var outcome = CliRunner.Run("model", "import", ConfigPath("Llama-3.1-8B.json"), "--name", name);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2));
            Assert.That(outcome.Error, Does.Contain("cannot name a block"));
        });
    }

    private static string ConfigPath(string file) => Repository.PathTo("tests", "CostDsl.Tests", "Catalog", "Configs", file);

    private static double ImportOutput(string config, string expression)
    {
        var block = CliRunner.Run("model", "import", ConfigPath(config), "--name", "M").Output;
        return Spec.Clean(block + $"output x = {expression}").Output("x").Value;
    }
}
