using CostDsl.Diagnostics;
using CostDsl.Estimation;
using CostDsl.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CostDsl.Catalog;

/// <summary>
/// Reads a Hugging Face config.json into a <see cref="ModelShape"/> (the one shape record the serving and training
/// models read from a `model` block, so a field they add is a field the importer must fill), one reader per architecture
/// (model_type). Each reader takes only keys that config class defines, with that class's defaults
/// (transformers' LlamaConfig, GemmaConfig, FalconConfig, ...); a key the shape needs and the file lacks is a
/// CD0603 error, an unknown model_type a CD0602 error. Nothing is guessed.
/// </summary>
public static class HuggingFaceConfig
{
    /// <summary>The model_type values understood, for the error that lists them.</summary>
    public static IReadOnlyList<string> SupportedModelTypes { get; } =
    [
        "llama", "mistral", "mixtral", "qwen2", "qwen2_moe", "qwen3", "qwen3_moe", "deepseek_v2", "deepseek_v3",
        "gemma", "gemma2", "gemma3", "gemma3_text", "gpt_neox", "gptj", "falcon", "gpt_oss", "llama4", "llama4_text",
    ];

    public static ImportedModel? Read(SourceFile file, DiagnosticBag diagnostics)
    {
        JObject json;
        try
        {
            using var reader = new JsonTextReader(new StringReader(file.Text)) { MaxDepth = 64 };
            var token = JToken.ReadFrom(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
            if (token is not JObject obj)
            {
                diagnostics.Error(Codes.NotAModelConfig, ConfigFields.SpanOf(token, file), $"a config.json is a JSON object, and this file holds a {token.Type.ToString().ToLowerInvariant()}");
                return null;
            }

            json = obj;
        }
        catch (JsonException e)
        {
            var span = e is JsonReaderException { LineNumber: > 0 } r ? file.Span(OffsetOf(file, r.LineNumber, r.LinePosition), 0) : file.Span(0, 0);
            diagnostics.Error(Codes.NotAModelConfig, span, $"not a config.json: the file is not valid JSON ({FirstSentence(e.Message)})");
            return null;
        }

        if (json["model_type"] is not { Type: JTokenType.String } typeToken)
        {
            diagnostics.Error(Codes.NotAModelConfig, ConfigFields.SpanOf(json, file), "not a model config.json: it has no \"model_type\" string, so the architecture is unknown");
            return null;
        }

        var modelType = typeToken.Value<string>()!;
        var architecture = json["architectures"] is JArray { Count: > 0 } names ? names[0].Value<string>() : null;
        var fields = new ConfigFields(json, file, modelType, diagnostics);

        // A multimodal config keeps the language model in text_config; every key below is read from there.
        var text = modelType is "gemma3" or "llama4" ? fields.Nested("text_config") ?? MissingText(fields) : fields;
        ModelShape? shape = text is null ? null : modelType switch
        {
            "llama" or "mistral" or "qwen2" or "qwen3" => Dense(text, gated: true, tiedByDefault: false),
            "gemma" => Dense(text, gated: true, tiedByDefault: true),
            "gemma2" => Gemma2(text),
            "gemma3_text" or "gemma3" => Gemma3(text),
            "mixtral" => Mixtral(text),
            "qwen2_moe" or "qwen3_moe" => QwenMoe(text),
            "deepseek_v2" or "deepseek_v3" => DeepSeek(text),
            "gpt_neox" => GptNeoX(text),
            "gptj" => GptJ(text),
            "falcon" => Falcon(text),
            "gpt_oss" => GptOss(text),
            "llama4_text" or "llama4" => Llama4(text),
            _ => null,
        };

        if (shape is null && !SupportedModelTypes.Contains(modelType))
        {
            diagnostics.Error(Codes.UnknownArchitecture, ConfigFields.SpanOf(typeToken, file),
                $"model_type \"{modelType}\" is not an architecture 'model import' knows; it knows {string.Join(", ", SupportedModelTypes)}");
        }

        if (shape is null || text is null || diagnostics.HasErrors)
        {
            return null;
        }

        // params is counted here, once, by the same rule the catalog tests hold every bundled model to.
        var counted = shape with
        {
            Params = ParameterCount.Total(shape)!.Value,
            ActiveParams = shape.IsMixtureOfExperts ? ParameterCount.Active(shape) : null,
        };
        var context = text.OptionalInt(modelType == "gptj" ? "n_positions" : "max_position_embeddings");
        return new ImportedModel(counted, context, modelType, architecture);
    }

    private static ConfigFields? MissingText(ConfigFields f)
    {
        f.Unsupported("text_config", $"a {f.ModelType} config.json keeps the language model's shape in \"text_config\", and this one has none");
        return null;
    }

    /// <summary>
    /// The shape every reader starts from: the counts all architectures have, nothing optional, params 0 until
    /// <see cref="Read"/> counts them. The name is the model_type; the block's name is chosen when it is written.
    /// </summary>
    private static ModelShape Shape(ConfigFields f, long layers, long d, long heads, long kvHeads, long headDim, long vocab, bool gated, bool tied) =>
        new(f.ModelType, 0, null, layers, d, heads, kvHeads, headDim, Ffn: null, MlpMatrices: gated ? 3 : 2, vocab, tied,
            SlidingWindow: null, SlidingLayers: null, Experts: null, ExpertsPerToken: null, SharedExperts: 0, MoeFfn: null, DenseLayers: 0,
            KvLoraRank: null, QLoraRank: null, RopeHeadDim: null, NopeHeadDim: null, VHeadDim: null);

    /// <summary>The keys every Llama-like config shares (LlamaConfig and the classes copied from it).</summary>
    private static ModelShape Common(ConfigFields f, bool gated, bool tiedByDefault)
    {
        var d = f.Int("hidden_size");
        var heads = f.Int("num_attention_heads");
        return Shape(
            f,
            layers: f.Int("num_hidden_layers"),
            d,
            heads,
            kvHeads: f.OptionalInt("num_key_value_heads") ?? heads,
            headDim: f.OptionalInt("head_dim") ?? (heads > 0 ? d / heads : 0),
            vocab: f.Int("vocab_size"),
            gated,
            tied: f.Bool("tie_word_embeddings", tiedByDefault));
    }

    private static ModelShape Dense(ConfigFields f, bool gated, bool tiedByDefault) =>
        Common(f, gated, tiedByDefault) with { Ffn = f.Int("intermediate_size"), SlidingWindow = Window(f) };

    /// <summary>Mistral sets sliding_window alone; Qwen2/Qwen3 carry one that applies only when use_sliding_window is true.</summary>
    private static long? Window(ConfigFields f) =>
        f.Bool("use_sliding_window", f.ModelType is "mistral" or "mixtral") ? f.OptionalInt("sliding_window") : null;

    private static ModelShape Gemma2(ConfigFields f)
    {
        var shape = Common(f, gated: true, tiedByDefault: true) with { Ffn = f.Int("intermediate_size"), SlidingWindow = f.OptionalInt("sliding_window") };

        // Gemma 2 alternates local (sliding) and global layers, starting with a local one (modeling_gemma2: layer_idx % 2 == 0).
        var layers = (long)shape.Layers;
        return shape with { SlidingLayers = f.CountInList("layer_types", "sliding_attention") ?? ((layers + 1) / 2) };
    }

    private static ModelShape Gemma3(ConfigFields f)
    {
        var shape = Common(f, gated: true, tiedByDefault: true) with { Ffn = f.Int("intermediate_size"), SlidingWindow = f.OptionalInt("sliding_window") };

        // Gemma 3: every sliding_window_pattern-th layer is global, the others local (Gemma 3 report, 5:1).
        var pattern = f.OptionalInt("sliding_window_pattern");
        var layers = (long)shape.Layers;
        var sliding = f.CountInList("layer_types", "sliding_attention") ?? (pattern is > 0 and var p ? layers - (layers / p) : null);
        return shape with { SlidingLayers = sliding };
    }

    private static ModelShape Mixtral(ConfigFields f) =>
        Common(f, gated: true, tiedByDefault: false) with
        {
            Experts = f.Int("num_local_experts"),
            ExpertsPerToken = f.Int("num_experts_per_tok"),
            MoeFfn = f.Int("intermediate_size"),
            SlidingWindow = Window(f),
        };

    private static ModelShape QwenMoe(ConfigFields f)
    {
        var shape = Common(f, gated: true, tiedByDefault: false) with
        {
            Experts = f.Int("num_experts"),
            ExpertsPerToken = f.Int("num_experts_per_tok"),
            MoeFfn = f.Int("moe_intermediate_size"),
            SlidingWindow = Window(f),
        };

        if (f.OptionalInt("decoder_sparse_step") is > 1)
        {
            f.Unsupported("decoder_sparse_step", "MoE layers interleaved with dense ones are not read from a Qwen config; only decoder_sparse_step 1 is");
        }

        // Qwen2-MoE's shared expert has its own width; the shape counts shared experts in units of one routed expert.
        if (f.OptionalInt("shared_expert_intermediate_size") is > 0 and var shared)
        {
            var expert = (long)(shape.MoeFfn ?? 0);
            if (expert <= 0 || shared % expert != 0)
            {
                f.Unsupported("shared_expert_intermediate_size", $"{shared} is not a whole number of experts of moe_intermediate_size {expert}");
            }
            else
            {
                shape = shape with { SharedExperts = shared / expert };
            }
        }

        return shape;
    }

    private static ModelShape DeepSeek(ConfigFields f)
    {
        var shape = Common(f, gated: true, tiedByDefault: false);
        var rope = f.Int("qk_rope_head_dim");
        var nope = f.Int("qk_nope_head_dim");
        if (f.OptionalInt("moe_layer_freq") is > 1)
        {
            f.Unsupported("moe_layer_freq", "MoE layers interleaved with dense ones are not read from a DeepSeek config; only moe_layer_freq 1 is");
        }

        return shape with
        {
            HeadDim = nope + rope,
            VHeadDim = f.Int("v_head_dim"),
            QLoraRank = f.OptionalInt("q_lora_rank"),
            KvLoraRank = f.Int("kv_lora_rank"),
            RopeHeadDim = rope,
            NopeHeadDim = nope,
            Ffn = f.Int("intermediate_size"),
            Experts = f.Int("n_routed_experts"),
            ExpertsPerToken = f.Int("num_experts_per_tok"),
            SharedExperts = f.OptionalInt("n_shared_experts") ?? 0,
            MoeFfn = f.Int("moe_intermediate_size"),
            DenseLayers = f.OptionalInt("first_k_dense_replace") ?? 0,
        };
    }

    private static ModelShape GptNeoX(ConfigFields f) =>
        Common(f, gated: false, tiedByDefault: false) with { Ffn = f.Int("intermediate_size") };

    /// <summary>GPT-J uses GPT-2's key names; n_inner defaults to 4 x n_embd (GPTJConfig).</summary>
    private static ModelShape GptJ(ConfigFields f)
    {
        var d = f.Int("n_embd");
        var heads = f.Int("n_head");
        return Shape(f, layers: f.Int("n_layer"), d, heads, kvHeads: heads, headDim: heads > 0 ? d / heads : 0, vocab: f.Int("vocab_size"), gated: false, tied: f.Bool("tie_word_embeddings", false))
            with
        { Ffn = f.OptionalInt("n_inner") ?? (4 * d) };
    }

    /// <summary>FalconConfig: new_decoder_architecture uses num_kv_heads groups, else multi_query means one K/V head.</summary>
    private static ModelShape Falcon(ConfigFields f)
    {
        var d = f.FirstInt("hidden_size", "n_embed");
        var heads = f.FirstInt("num_attention_heads", "n_head");
        var kv = f.Bool("new_decoder_architecture", false)
            ? f.OptionalInt("num_kv_heads") ?? f.OptionalInt("n_head_kv") ?? heads
            : f.Bool("multi_query", true) ? 1 : heads;
        return Shape(f, layers: f.FirstInt("num_hidden_layers", "n_layer"), d, heads, kv, headDim: heads > 0 ? d / heads : 0, vocab: f.Int("vocab_size"), gated: false, tied: f.Bool("tie_word_embeddings", true))
            with
        { Ffn = f.OptionalInt("ffn_hidden_size") ?? (4 * d) };
    }

    private static ModelShape GptOss(ConfigFields f)
    {
        var shape = Common(f, gated: true, tiedByDefault: false) with
        {
            Experts = f.Int("num_local_experts"),
            ExpertsPerToken = f.FirstInt("num_experts_per_tok", "experts_per_token"),
            MoeFfn = f.Int("intermediate_size"),
            SlidingWindow = f.OptionalInt("sliding_window"),
        };

        // gpt-oss alternates banded (sliding) and dense attention layers (gpt-oss model card).
        var layers = (long)shape.Layers;
        return shape with { SlidingLayers = f.CountInList("layer_types", "sliding_attention") ?? ((layers + 1) / 2) };
    }

    /// <summary>Llama 4: a shared expert beside the routed ones; MoE every interleave_moe_layer_step-th layer, dense MLPs of intermediate_size_mlp between.</summary>
    private static ModelShape Llama4(ConfigFields f)
    {
        var shape = Common(f, gated: true, tiedByDefault: false);
        var step = f.OptionalInt("interleave_moe_layer_step") ?? 1;
        var layers = (long)shape.Layers;
        var moeLayers = step > 0 ? layers / step : layers;
        return shape with
        {
            Experts = f.Int("num_local_experts"),
            ExpertsPerToken = f.Int("num_experts_per_tok"),
            SharedExperts = 1,
            MoeFfn = f.Int("intermediate_size"),
            Ffn = moeLayers < layers ? f.Int("intermediate_size_mlp") : null,
            DenseLayers = layers - moeLayers,
        };
    }

    private static int OffsetOf(SourceFile file, int line, int position)
    {
        var offset = 0;
        for (var l = 1; l < line && offset < file.Text.Length; l++)
        {
            var next = file.Text.IndexOf('\n', offset);
            offset = next < 0 ? file.Text.Length : next + 1;
        }

        return Math.Clamp(offset + Math.Max(position - 1, 0), 0, file.Text.Length);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". Path", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }
}
