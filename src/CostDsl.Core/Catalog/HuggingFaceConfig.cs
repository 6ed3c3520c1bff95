using CostDsl.Diagnostics;
using CostDsl.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CostDsl.Catalog;

/// <summary>
/// Reads a Hugging Face config.json into a <see cref="TransformerShape"/>, one reader per architecture
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
        TransformerShape? shape = modelType switch
        {
            "llama" or "mistral" or "qwen2" or "qwen3" => Dense(fields, gated: true, tiedByDefault: false),
            "gemma" => Dense(fields, gated: true, tiedByDefault: true),
            "gemma2" => Gemma2(fields),
            "gemma3_text" => Gemma3(fields),
            "gemma3" => fields.Nested("text_config") is { } text ? Gemma3(text) : MissingText(fields),
            "mixtral" => Mixtral(fields),
            "qwen2_moe" or "qwen3_moe" => QwenMoe(fields),
            "deepseek_v2" or "deepseek_v3" => DeepSeek(fields),
            "gpt_neox" => GptNeoX(fields),
            "gptj" => GptJ(fields),
            "falcon" => Falcon(fields),
            "gpt_oss" => GptOss(fields),
            "llama4_text" => Llama4(fields),
            "llama4" => fields.Nested("text_config") is { } text ? Llama4(text) : MissingText(fields),
            _ => null,
        };

        if (shape is null && !SupportedModelTypes.Contains(modelType))
        {
            diagnostics.Error(Codes.UnknownArchitecture, ConfigFields.SpanOf(typeToken, file),
                $"model_type \"{modelType}\" is not an architecture 'model import' knows; it knows {string.Join(", ", SupportedModelTypes)}");
        }

        return shape is null || diagnostics.HasErrors ? null : new ImportedModel(shape, modelType, architecture);
    }

    private static TransformerShape? MissingText(ConfigFields f)
    {
        f.Unsupported("text_config", $"a {f.ModelType} config.json keeps the language model's shape in \"text_config\", and this one has none");
        return null;
    }

    /// <summary>The keys every Llama-like config shares (LlamaConfig and the classes copied from it).</summary>
    private static TransformerShape Common(ConfigFields f, bool gated, bool tiedByDefault)
    {
        var d = f.Int("hidden_size");
        var heads = f.Int("num_attention_heads");
        return new TransformerShape
        {
            Layers = f.Int("num_hidden_layers"),
            DModel = d,
            Heads = heads,
            KvHeads = f.OptionalInt("num_key_value_heads") ?? heads,
            HeadDim = f.OptionalInt("head_dim") ?? (heads > 0 ? d / heads : 0),
            Vocab = f.Int("vocab_size"),
            MlpMatrices = gated ? 3 : 2,
            TiedEmbeddings = f.Bool("tie_word_embeddings", tiedByDefault),
            Context = f.OptionalInt("max_position_embeddings"),
        };
    }

    private static TransformerShape Dense(ConfigFields f, bool gated, bool tiedByDefault) =>
        Common(f, gated, tiedByDefault) with { Ffn = f.Int("intermediate_size"), SlidingWindow = Window(f) };

    /// <summary>Mistral sets sliding_window alone; Qwen2/Qwen3 carry one that applies only when use_sliding_window is true.</summary>
    private static long? Window(ConfigFields f) =>
        f.Bool("use_sliding_window", f.ModelType is "mistral" or "mixtral") ? f.OptionalInt("sliding_window") : null;

    private static TransformerShape Gemma2(ConfigFields f)
    {
        var shape = Common(f, gated: true, tiedByDefault: true) with { Ffn = f.Int("intermediate_size"), SlidingWindow = f.OptionalInt("sliding_window") };

        // Gemma 2 alternates local (sliding) and global layers, starting with a local one (modeling_gemma2: layer_idx % 2 == 0).
        return shape with { SlidingLayers = f.CountInList("layer_types", "sliding_attention") ?? (shape.Layers + 1) / 2 };
    }

    private static TransformerShape Gemma3(ConfigFields f)
    {
        var shape = Common(f, gated: true, tiedByDefault: true) with { Ffn = f.Int("intermediate_size"), SlidingWindow = f.OptionalInt("sliding_window") };

        // Gemma 3: every sliding_window_pattern-th layer is global, the others local (Gemma 3 report, 5:1).
        var pattern = f.OptionalInt("sliding_window_pattern");
        var sliding = f.CountInList("layer_types", "sliding_attention") ?? (pattern is > 0 and var p ? shape.Layers - (shape.Layers / p) : null);
        return shape with { SlidingLayers = sliding };
    }

    private static TransformerShape Mixtral(ConfigFields f) =>
        Common(f, gated: true, tiedByDefault: false) with
        {
            Experts = f.Int("num_local_experts"),
            ExpertsPerToken = f.Int("num_experts_per_tok"),
            MoeFfn = f.Int("intermediate_size"),
            SlidingWindow = Window(f),
        };

    private static TransformerShape QwenMoe(ConfigFields f)
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
            if (shape.MoeFfn is not > 0 || shared % shape.MoeFfn.Value != 0)
            {
                f.Unsupported("shared_expert_intermediate_size", $"{shared} is not a whole number of experts of moe_intermediate_size {shape.MoeFfn}");
            }
            else
            {
                shape = shape with { SharedExperts = shared / shape.MoeFfn.Value };
            }
        }

        return shape;
    }

    private static TransformerShape DeepSeek(ConfigFields f)
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

    private static TransformerShape GptNeoX(ConfigFields f) =>
        Common(f, gated: false, tiedByDefault: false) with { Ffn = f.Int("intermediate_size") };

    /// <summary>GPT-J uses GPT-2's key names; n_inner defaults to 4 x n_embd (GPTJConfig).</summary>
    private static TransformerShape GptJ(ConfigFields f)
    {
        var d = f.Int("n_embd");
        var heads = f.Int("n_head");
        return new TransformerShape
        {
            Layers = f.Int("n_layer"),
            DModel = d,
            Heads = heads,
            KvHeads = heads,
            HeadDim = heads > 0 ? d / heads : 0,
            Vocab = f.Int("vocab_size"),
            MlpMatrices = 2,
            TiedEmbeddings = f.Bool("tie_word_embeddings", false),
            Ffn = f.OptionalInt("n_inner") ?? (4 * d),
            Context = f.OptionalInt("n_positions"),
        };
    }

    /// <summary>FalconConfig: new_decoder_architecture uses num_kv_heads groups, else multi_query means one K/V head.</summary>
    private static TransformerShape Falcon(ConfigFields f)
    {
        var d = f.FirstInt("hidden_size", "n_embed");
        var heads = f.FirstInt("num_attention_heads", "n_head");
        var kv = f.Bool("new_decoder_architecture", false)
            ? f.OptionalInt("num_kv_heads") ?? f.OptionalInt("n_head_kv") ?? heads
            : f.Bool("multi_query", true) ? 1 : heads;
        return new TransformerShape
        {
            Layers = f.FirstInt("num_hidden_layers", "n_layer"),
            DModel = d,
            Heads = heads,
            KvHeads = kv,
            HeadDim = heads > 0 ? d / heads : 0,
            Vocab = f.Int("vocab_size"),
            MlpMatrices = 2,
            TiedEmbeddings = f.Bool("tie_word_embeddings", true),
            Ffn = f.OptionalInt("ffn_hidden_size") ?? (4 * d),
            Context = f.OptionalInt("max_position_embeddings"),
        };
    }

    private static TransformerShape GptOss(ConfigFields f)
    {
        var shape = Common(f, gated: true, tiedByDefault: false) with
        {
            Experts = f.Int("num_local_experts"),
            ExpertsPerToken = f.FirstInt("num_experts_per_tok", "experts_per_token"),
            MoeFfn = f.Int("intermediate_size"),
            SlidingWindow = f.OptionalInt("sliding_window"),
        };

        // gpt-oss alternates banded (sliding) and dense attention layers (gpt-oss model card).
        return shape with { SlidingLayers = f.CountInList("layer_types", "sliding_attention") ?? (shape.Layers + 1) / 2 };
    }

    /// <summary>Llama 4: a shared expert beside the routed ones; MoE every interleave_moe_layer_step-th layer, dense MLPs of intermediate_size_mlp between.</summary>
    private static TransformerShape Llama4(ConfigFields f)
    {
        var shape = Common(f, gated: true, tiedByDefault: false);
        var step = f.OptionalInt("interleave_moe_layer_step") ?? 1;
        var moeLayers = step > 0 ? shape.Layers / step : shape.Layers;
        return shape with
        {
            Experts = f.Int("num_local_experts"),
            ExpertsPerToken = f.Int("num_experts_per_tok"),
            SharedExperts = 1,
            MoeFfn = f.Int("intermediate_size"),
            Ffn = moeLayers < shape.Layers ? f.Int("intermediate_size_mlp") : null,
            DenseLayers = shape.Layers - moeLayers,
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
